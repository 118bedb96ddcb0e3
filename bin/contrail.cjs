#!/usr/bin/env node
// The `contrail` command: runs the TypeScript CLI through tsx, so there is no build step.
'use strict';
require('tsx/cjs');
require('../cli/main.ts');
