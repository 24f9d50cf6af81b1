/** The default registry: real programs, then the simulated ones (package managers, toolchains, user tools). */
import { createRegistry, type Registry } from '../command.ts';
import { realCommands } from './real/index.ts';
import { simulatedCommands } from './simulated/index.ts';

export const defaultRegistry: Registry = createRegistry(realCommands, simulatedCommands);
