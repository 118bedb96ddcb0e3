import fs from 'node:fs';
import path from 'node:path';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { REPO_ROOT } from './compose-file';

export interface Copy {
  from: string | undefined;
  sources: string[];
  destination: string;
}

export interface Stage {
  name: string | undefined;
  /** The base image with build arguments replaced by their defaults. */
  image: string;
  instructions: Instruction[];
}

export interface DockerfileModel {
  file: string;
  stages: Stage[];
  runtime: Stage;
}

export function readDockerfile(relativePath: string): DockerfileModel {
  const file = path.join(REPO_ROOT, relativePath);
  const dockerfile = DockerfileParser.parse(fs.readFileSync(file, 'utf8'));
  const args = Object.fromEntries(
    dockerfile.getInitialARGs().map((a) => [a.getProperty()?.getName(), a.getProperty()?.getValue() ?? '']),
  );
  const resolve = (text: string) => text.replace(/\$\{?(\w+)\}?/g, (_, name: string) => args[name] ?? '');
  const instructions = dockerfile.getInstructions();
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    const words = instruction.getArguments().map((a) => a.getValue());
    if (instruction.getKeyword() === 'FROM') {
      const name = words[1]?.toUpperCase() === 'AS' ? words[2] : undefined;
      stages.push({ name, image: resolve(words[0] ?? ''), instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  const runtime = stages.at(-1);
  if (!runtime) throw new Error(`${relativePath} has no FROM`);
  return { file: relativePath, stages, runtime };
}

export const keywordsOf = (stage: Stage) => stage.instructions.map((i) => i.getKeyword());

export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.getKeyword() === keyword);
}

export function copiesOf(stage: Stage): Copy[] {
  return instructionsOf(stage, 'COPY').map((copy) => {
    const words = copy.getArguments().map((a) => a.getValue());
    const from = /--from=(\S+)/.exec(copy.getTextContent())?.[1];
    return { from, sources: words.slice(0, -1), destination: words.at(-1) ?? '' };
  });
}

/** `ENV A=1 B=2` lines of a stage, merged. */
export function envOf(stage: Stage): Record<string, string> {
  return Object.fromEntries(
    instructionsOf(stage, 'ENV').flatMap((env) =>
      env.getArguments().map((a) => a.getValue().split(/=(.*)/s).slice(0, 2) as [string, string]),
    ),
  );
}

/** The exec form (`["node", ...]`) of a CMD, or of the command after HEALTHCHECK's CMD. */
export function execForm(instruction: Instruction): string[] {
  const text = instruction.getArgumentsContent() ?? '';
  const json = text.slice(text.indexOf('['));
  return JSON.parse(json.replace(/\\\n/g, '')) as string[];
}
