import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clientTokenHeader } from "../../../backend/protocol/index.js";
import { hashPassword, writeUsers } from "../../../backend/users/index.js";
import { passwordChecksMax } from "../../../daemons/node/client-auth.js";
import {
  ClientAuthenticator,
  UsersStore,
  basicCredentials,
  fileLog,
} from "../../../daemons/node/index.js";

const quick = { cost: 1024, blockSize: 8, parallelization: 1 };
const log = fileLog({ path: undefined, node: "test", toStderr: false, debug: false });
const dir = mkdtempSync(join(tmpdir(), "quorate-auth-"));
const usersFile = join(dir, "users");

function basic(text: string): string {
  return `Basic ${Buffer.from(text).toString("base64")}`;
}

beforeAll(async () => {
  writeUsers(usersFile, [
    { name: "alice", passwordHash: await hashPassword("pa:ss wörd", quick), groups: ["ops"] },
  ]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("client authentication", () => {
  test("basicCredentials() reads RFC 7617 credentials; the password may hold colons", () => {
    expect(basicCredentials(basic("alice:pa:ss wörd"))).toEqual({
      user: "alice",
      password: "pa:ss wörd",
    });
    expect(basicCredentials(`basic ${Buffer.from("bob:x").toString("base64")}`)).toEqual({
      user: "bob",
      password: "x",
    });
    expect(basicCredentials(basic(":x"))).toBeUndefined();
    expect(basicCredentials(basic("nocolon"))).toBeUndefined();
    expect(basicCredentials("Bearer abc")).toBeUndefined();
    expect(basicCredentials(`Basic ${"A".repeat(5000)}`)).toBeUndefined();
  });

  test("the token gives root; a password gives the user and its groups; refusals are counted", async () => {
    const authenticator = new ClientAuthenticator({
      token: "secret-token",
      users: new UsersStore(usersFile, log),
      log,
    });
    expect(
      await authenticator.authenticate({ [clientTokenHeader]: "secret-token" }, "test"),
    ).toEqual({
      user: "root",
      unrestricted: true,
    });
    expect(
      await authenticator.authenticate({ authorization: basic("alice:pa:ss wörd") }, "test"),
    ).toEqual({
      user: "alice",
      unrestricted: false,
      groups: ["ops"],
    });
    const refused = [
      { [clientTokenHeader]: "wrong" },
      { authorization: basic("alice:wrong") },
      { authorization: basic("mallory:pa:ss wörd") },
      { authorization: "Basic !!!" },
      {},
      // a token header wins over credentials: a wrong token is not rescued by a password
      { [clientTokenHeader]: "wrong", authorization: basic("alice:pa:ss wörd") },
    ];
    for (const headers of refused)
      expect(await authenticator.authenticate(headers, "test")).toBeUndefined();
    expect(authenticator.refusals).toBe(refused.length);
  });

  test("without a users file nobody logs in with a password", async () => {
    const authenticator = new ClientAuthenticator({
      token: "t",
      users: new UsersStore(join(dir, "absent"), log),
      log,
    });
    expect(
      await authenticator.authenticate({ authorization: basic("alice:pa:ss wörd") }, "test"),
    ).toBeUndefined();
  });

  test("at most passwordChecksMax logins are checked at once; the rest are turned away busy", async () => {
    const authenticator = new ClientAuthenticator({
      token: "t",
      users: new UsersStore(usersFile, log),
      log,
    });
    const attempts = Array.from({ length: passwordChecksMax + 8 }, (_, index) =>
      authenticator.authenticate({ authorization: basic(`user${index}:guess`) }, "flood"),
    );
    const verdicts = await Promise.all(attempts);
    expect(verdicts.filter((verdict) => verdict === "busy")).toHaveLength(8);
    expect(verdicts.filter((verdict) => verdict === undefined)).toHaveLength(passwordChecksMax);
    expect(authenticator.refusals).toBe(passwordChecksMax);
    expect(
      await authenticator.authenticate({ authorization: basic("alice:pa:ss wörd") }, "after"),
    ).toMatchObject({
      user: "alice",
    });
  });
});
