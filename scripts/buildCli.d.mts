/** Types of scripts/buildCli.mjs, for the tests and the bench that build the CLI in-process. */
export declare const CLI_OUT: string;
/** Builds out/cli; resolves with the time it took in ms. */
export declare function buildCli(): Promise<number>;
