/** The product version `crm --version` prints (kept equal to package.json's). */
export const version = "0.1.0";
