/** A mean over classes that says which classes went into it and which were left out. */
export interface MeanOverClasses {
  /** The mean; `NaN` when no class is included. */
  value: number;
  /** Class indices that went into the mean. */
  included: number[];
  /** Class indices left out (for IoU: absent from both prediction and truth). */
  excluded: number[];
}

/** Mean and spread of repeated runs (see `meanAndSpread`). */
export interface Spread {
  /** Arithmetic mean of the finite values (`NaN` when `n` is 0). */
  mean: number;
  /** Sample standard deviation (divides by `n - 1`); 0 when `n` is 1, `NaN` when 0. */
  std: number;
  /** Smallest value (`NaN` when `n` is 0). */
  min: number;
  /** Largest value (`NaN` when `n` is 0). */
  max: number;
  /** Number of finite values used. */
  n: number;
}

/** One class's figures in a {@link MetricsSummary}. */
export interface ClassMetrics {
  /** Class index. */
  index: number;
  /** Class name (the index as text when no names were given). */
  name: string;
  /** IoU; `null` when the class is absent from both prediction and truth. */
  iou: number | null;
  /** Class accuracy (recall); `null` when the class is absent from the truth. */
  accuracy: number | null;
  /** Truth pixels of the class. */
  pixels: number;
  /** Pixels predicted as the class. */
  predicted: number;
}

/** The JSON-able summary written by `computeMetrics` (into metrics.json, for example). */
export interface MetricsSummary {
  /** Correct pixels / counted pixels; `null` when no pixel was counted. */
  pixelAccuracy: number | null;
  /** Mean IoU over the classes present in prediction or truth; `null` when none. */
  meanIoU: number | null;
  /**
   * The paper's IoU: mean IoU over the classes present in prediction or truth other than the
   * background (class 0), accumulated over the set; `null` when none (see `backgroundSkippedIoU`).
   */
  backgroundSkippedIoU: number | null;
  /** Mean class accuracy over the classes present in the truth; `null` when none. */
  meanClassAccuracy: number | null;
  /** IoU weighted by each class's share of truth pixels; `null` when no pixel was counted. */
  frequencyWeightedIoU: number | null;
  /** One entry a class, in index order. */
  perClass: ClassMetrics[];
  /** Names of the classes left out of meanIoU (absent from both prediction and truth). */
  excludedClasses: string[];
  /** Pixels counted (truth is a class). */
  pixels: number;
  /** Pixels skipped because their truth is the ignore index. */
  ignoredPixels: number;
  /** Counted pixels whose prediction was the ignore index (counted as misses). */
  abstainedPixels: number;
  /** Number of classes. */
  numClasses: number;
}
