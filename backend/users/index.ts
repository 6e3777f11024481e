/**
 * The cluster users file: who may log in to the client channel with a password, their scrypt
 * hashes and groups (what the CIB's acl_target and acl_group entries name).
 */
export type { ScryptCost } from "./password.js";
export { hashPassword, parsePasswordHash, scryptInteractive, verifyPassword } from "./password.js";
export type { ClusterUser, UsersFileCode } from "./users-file.js";
export {
  formatUsersFile,
  parseUsersFile,
  reservedUserNames,
  userNameProblem,
} from "./users-file.js";
export { localUsersFile, readUsers, usersFileBesideConfig, writeUsers } from "./users-store.js";
