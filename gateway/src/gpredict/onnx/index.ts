/**
 * ONNX export of gPredict's trained models: softmax regression and MLPs, fixed point or float32,
 * written as protobuf by a small encoder of our own (no onnxruntime, no npm package), checked
 * against onnx 1.12's checker and OpenCV 4.6's DNN module. See docs/gpredict-onnx.md.
 */

export { OnnxError, isOnnxError, onnxErrorCatalogue, type OnnxErrorCode } from './onnx-error.js';
export {
  RESERVED_METADATA_PREFIX,
  resolveExportOptions,
  type OnnxArithmetic,
  type OnnxExportOptions,
  type ResolvedOnnxExportOptions,
} from './export-options.js';
export {
  ONNX_IR_VERSION,
  ONNX_MODEL_DOMAIN,
  ONNX_OPSET_VERSION,
  ONNX_PRODUCER_NAME,
  ONNX_PRODUCER_VERSION,
  exportOnnx,
} from './export-onnx.js';
export {
  ONNX_BATCH_DIMENSION,
  ONNX_INPUT_NAME,
  ONNX_LOGITS_NAME,
  ONNX_PROBABILITIES_NAME,
} from './network-graph.js';
export {
  onnxModelInfo,
  type OnnxInitializerInfo,
  type OnnxModelInfo,
  type OnnxTensorInfo,
} from './onnx-model-info.js';
