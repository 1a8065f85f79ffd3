/**
 * `hookbench vectors`: print the published signing test vectors (vectors/signing-vectors.json) as
 * JSON. The file is imported, so the bundle carries it inline: the command reads no path at run
 * time and works the same from the sources (tsx), the bundle (out/cli) and an installed package.
 */
import { Option } from 'commander';
import { SIGNING_SCHEMES } from '../../api/schemes';
import signingVectors from '../../../vectors/signing-vectors.json' with { type: 'json' };
import { action, EXIT_OK, type RegisterCommand } from '../context';

export interface VectorsOptions {
  scheme?: string;
}

export const registerVectors: RegisterCommand = (command, ctx) => {
  command
    .description(
      'Print the signing test vectors as JSON: for every signing scheme, signed requests (secrets, id, timestamp, body, headers) ' +
        'with what a correct verifier concludes (valid, or invalid and why: bad signature, stale, future, malformed or missing header). ' +
        'Other implementations test against them; `hookbench verify --vectors <file>` checks a file of them against Hookbench.',
    )
    .addOption(new Option('--scheme <scheme>', 'only the vectors of this scheme').choices(SIGNING_SCHEMES))
    .action(
      action<VectorsOptions>(ctx, async (opts) => {
        const vectors = signingVectors.vectors.filter((v) => opts.scheme === undefined || v.scheme === opts.scheme);
        ctx.io.stdout.write(`${JSON.stringify({ ...signingVectors, vectors }, null, 2)}\n`);
        return EXIT_OK;
      }),
    );
};
