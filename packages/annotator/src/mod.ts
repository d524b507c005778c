/**
 * @module
 * A local web page to paint segmentation masks over generated images.
 */

export {};
