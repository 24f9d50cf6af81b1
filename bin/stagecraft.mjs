#!/usr/bin/env node
// Needs Node >= 23.6 (runs the TypeScript sources directly); `npx stagecraft` uses the pinned Node 24.
import '../src/lib/cli/node-main.ts';
