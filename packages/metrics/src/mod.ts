/**
 * @module
 * Confusion matrix, pixel accuracy, per-class IoU and mIoU on typed arrays, with an ignore label. No tfjs.
 */

export {};
