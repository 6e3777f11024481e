/** The seeds a sim suite runs: SIM_SEED replays one, SIM_COUNT runs 1..n, else `defaultCount`. */
export function simSeeds(defaultCount: number): number[] {
  const single = process.env["SIM_SEED"];
  if (single !== undefined && single !== "") return [Number(single)];
  const count = Number(process.env["SIM_COUNT"] ?? defaultCount);
  return Array.from({ length: count }, (_, index) => index + 1);
}

/** Seeds cut into chunks, one test per chunk (100,000 single tests would drown the reporter). */
export function seedChunks(seeds: readonly number[], size: number): number[][] {
  const chunks: number[][] = [];
  for (let index = 0; index < seeds.length; index += size)
    chunks.push(seeds.slice(index, index + size));
  return chunks;
}

/** One of `parts` interleaved shares of the seeds, so that test files run them in parallel. */
export function seedShare(seeds: readonly number[], part: number, parts: number): number[] {
  return seeds.filter((_, index) => index % parts === part);
}
