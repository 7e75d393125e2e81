import { runCli } from './cli.runner';
import { stopStack } from './stack';

runCli(() => stopStack());
