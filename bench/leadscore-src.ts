// `leadscore` run from the sources (through tsx), for benchmarks that start servers without a build.
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv);
