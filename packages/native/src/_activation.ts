/** tfjs fused-activation names -> csrc/common.h's codes; null: not done natively. */
export function _activationCode(activation: unknown): number | null {
  switch (activation ?? 'linear') {
    case 'linear':
      return 0;
    case 'relu':
      return 1;
    case 'relu6':
      return 2;
    case 'elu':
      return 3;
    case 'leakyrelu':
      return 4;
    case 'sigmoid':
      return 5;
    default:
      return null; // prelu (per-channel weights) and anything newer: the previous kernel
  }
}
