/** The `orapg` command line. Exit codes: 0 ok, 1 findings at --fail-on level, 2 usage error, 70 internal error. */
import { Command, CommanderError } from 'commander';
import { type CliIo, formatFinding } from './common.js';
import { registerAssess } from './assess.js';
import { registerConvert } from './convert.js';
import { registerDms } from './dms.js';
import { registerOracle } from './oracle.js';
import { registerPg } from './pg.js';
import { registerSnapshot } from './snapshot.js';
import { registerTranslate } from './translate.js';
import { registerVerify } from './verify.js';

export { formatFinding };

/** Command modules; each adds one subcommand. */
const COMMANDS = [registerConvert, registerTranslate, registerAssess, registerDms, registerPg, registerVerify, registerSnapshot, registerOracle];

export async function main(
  argv: string[],
  io: CliIo = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('orapg')
    .description('Oracle to PostgreSQL migration: convert schemas, assess, verify and drive AWS DMS')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  const ctx = { io, setExitCode: (c: number) => (code = Math.max(code, c)) };
  for (const register of COMMANDS) register(program, ctx);

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    io.err(`orapg: ${(err as Error).message}\n`);
    return 2;
  }
  return code;
}
