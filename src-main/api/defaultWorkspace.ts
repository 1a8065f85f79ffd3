/**
 * The workspace every data directory has and none can delete. An operation given no
 * `workspaceId` acts on it; every face may name it (help texts, defaults).
 */
export const DEFAULT_WORKSPACE_ID = 'ws_default';
