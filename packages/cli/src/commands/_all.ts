import type { CAC } from 'cac';
import { registerInfo } from './info.js';
import { registerDatasetMerge } from './dataset-merge.js';
import { registerAnnotate } from './annotate.js';
import { registerGenerate } from './generate.js';
import { registerConvert } from './convert.js';
import { registerSynthesize } from './synthesize.js';
import { registerEvaluate } from './evaluate.js';
import { registerEmbed } from './embed.js';
import { registerExperiment } from './experiment.js';
import { registerSample } from './sample.js';
import { registerTrainDecoder } from './train-decoder.js';
import { registerPredictMask } from './predict-mask.js';
import { registerTrainDeepLab } from './train-deeplab.js';
import { registerPredict } from './predict.js';

/** Adds every ganseg command to `cli`. One line a command; each lives in its own file. */
export function registerCommands(cli: CAC): void {
  registerInfo(cli);
  registerConvert(cli);
  registerGenerate(cli);
  registerSample(cli);
  registerAnnotate(cli);
  registerTrainDecoder(cli);
  registerPredictMask(cli);
  registerSynthesize(cli);
  registerDatasetMerge(cli);
  registerTrainDeepLab(cli);
  registerPredict(cli);
  registerEvaluate(cli);
  registerEmbed(cli);
  registerExperiment(cli);
}
