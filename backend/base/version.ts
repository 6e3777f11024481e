/** The product version (`crm --version`, the DC's dc-version), kept equal to package.json's. */
export const quorateVersion = "0.1.0";
