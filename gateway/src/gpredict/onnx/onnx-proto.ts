/*
 * The part of ONNX's protobuf schema (onnx/onnx.proto, proto2, IR version 8) that a
 * feed-forward float32 network needs, and its encoder. Field numbers are those of onnx.proto;
 * every message is written in field-number order, as protobuf's own serialisers write it, so
 * the bytes are canonical. Repeated scalars follow onnx.proto's declarations: `dims` unpacked
 * (proto2 default), `float_data` packed (declared `[packed = true]`).
 */
import { type ProtobufWriter, newProtobufWriter } from './protobuf-writer.js';

/** TensorProto.DataType codes the exporter uses or names. */
export const ONNX_DATA_TYPE = {
  float: 1,
  uint8: 2,
  int8: 3,
  uint16: 4,
  int16: 5,
  int32: 6,
  int64: 7,
  string: 8,
  bool: 9,
  float16: 10,
  double: 11,
  uint32: 12,
  uint64: 13,
  complex64: 14,
  complex128: 15,
  bfloat16: 16,
} as const;

/** The name of an ONNX element type. */
export type OnnxElementType = keyof typeof ONNX_DATA_TYPE;

/** Field numbers of the ONNX messages, from onnx.proto. */
export const ONNX_FIELD = {
  model: {
    irVersion: 1,
    producerName: 2,
    producerVersion: 3,
    domain: 4,
    modelVersion: 5,
    docString: 6,
    graph: 7,
    opsetImport: 8,
    metadataProps: 14,
  },
  operatorSetId: { domain: 1, version: 2 },
  stringStringEntry: { key: 1, value: 2 },
  graph: { node: 1, name: 2, initializer: 5, docString: 10, input: 11, output: 12 },
  node: { input: 1, output: 2, name: 3, opType: 4, attribute: 5, docString: 6, domain: 7 },
  attribute: { name: 1, f: 2, i: 3, type: 20 },
  tensor: { dims: 1, dataType: 2, floatData: 4, int64Data: 7, name: 8, rawData: 9 },
  valueInfo: { name: 1, type: 2 },
  type: { tensorType: 1 },
  typeTensor: { elemType: 1, shape: 2 },
  tensorShape: { dim: 1 },
  dimension: { dimValue: 1, dimParam: 2 },
} as const;

/** AttributeProto.AttributeType codes. */
const ATTRIBUTE_TYPE = { float: 1, int: 2 } as const;

/** A float32 tensor held in the model (an initializer). */
export interface OnnxTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly values: Float32Array;
}

/** A node attribute: an integer or a float. */
export type OnnxAttribute =
  | { readonly name: string; readonly kind: 'int'; readonly value: number }
  | { readonly name: string; readonly kind: 'float'; readonly value: number };

/** One operator application. */
export interface OnnxNode {
  readonly name: string;
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: readonly OnnxAttribute[];
}

/** A graph input or output: a float32 tensor of a shape whose dimensions are sizes or names. */
export interface OnnxValueInfo {
  readonly name: string;
  readonly shape: readonly (number | string)[];
}

/** A graph: nodes in topological order, initializers, inputs and outputs. */
export interface OnnxGraph {
  readonly name: string;
  readonly docString?: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

/** A model: header fields, the default-domain opset, the graph and metadata properties. */
export interface OnnxModel {
  readonly irVersion: number;
  readonly opsetVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly domain: string;
  readonly modelVersion: number;
  readonly docString: string;
  readonly graph: OnnxGraph;
  /** Written in the order given. */
  readonly metadata: readonly (readonly [key: string, value: string])[];
}

/** The protobuf bytes of a ModelProto. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const field = ONNX_FIELD.model;
  const writer = newProtobufWriter()
    .int64(field.irVersion, model.irVersion)
    .string(field.producerName, model.producerName)
    .string(field.producerVersion, model.producerVersion)
    .string(field.domain, model.domain)
    .int64(field.modelVersion, model.modelVersion)
    .string(field.docString, model.docString)
    .bytes(field.graph, encodeGraph(model.graph))
    .bytes(
      field.opsetImport,
      newProtobufWriter()
        .string(ONNX_FIELD.operatorSetId.domain, '')
        .int64(ONNX_FIELD.operatorSetId.version, model.opsetVersion)
        .finish(),
    );
  for (const [key, value] of model.metadata) {
    writer.bytes(
      field.metadataProps,
      newProtobufWriter()
        .string(ONNX_FIELD.stringStringEntry.key, key)
        .string(ONNX_FIELD.stringStringEntry.value, value)
        .finish(),
    );
  }
  return writer.finish();
}

function encodeGraph(graph: OnnxGraph): Uint8Array {
  const field = ONNX_FIELD.graph;
  const writer = newProtobufWriter();
  for (const node of graph.nodes) {
    writer.bytes(field.node, encodeNode(node));
  }
  writer.string(field.name, graph.name);
  for (const tensor of graph.initializers) {
    writer.bytes(field.initializer, encodeTensor(tensor));
  }
  if (graph.docString !== undefined) {
    writer.string(field.docString, graph.docString);
  }
  writeValueInfos(writer, field.input, graph.inputs);
  writeValueInfos(writer, field.output, graph.outputs);
  return writer.finish();
}

function encodeNode(node: OnnxNode): Uint8Array {
  const field = ONNX_FIELD.node;
  const writer = newProtobufWriter();
  node.inputs.forEach((input) => writer.string(field.input, input));
  node.outputs.forEach((output) => writer.string(field.output, output));
  writer.string(field.name, node.name).string(field.opType, node.opType);
  for (const attribute of node.attributes ?? []) {
    writer.bytes(field.attribute, encodeAttribute(attribute));
  }
  return writer.finish();
}

function encodeAttribute(attribute: OnnxAttribute): Uint8Array {
  const field = ONNX_FIELD.attribute;
  const writer = newProtobufWriter().string(field.name, attribute.name);
  if (attribute.kind === 'float') {
    return writer.float(field.f, attribute.value).int64(field.type, ATTRIBUTE_TYPE.float).finish();
  }
  return writer.int64(field.i, attribute.value).int64(field.type, ATTRIBUTE_TYPE.int).finish();
}

function encodeTensor(tensor: OnnxTensor): Uint8Array {
  const field = ONNX_FIELD.tensor;
  const writer = newProtobufWriter();
  tensor.dims.forEach((dim) => writer.int64(field.dims, dim));
  return writer
    .int64(field.dataType, ONNX_DATA_TYPE.float)
    .packedFloats(field.floatData, tensor.values)
    .string(field.name, tensor.name)
    .finish();
}

function writeValueInfos(
  writer: ProtobufWriter,
  fieldNumber: number,
  values: readonly OnnxValueInfo[],
): void {
  for (const value of values) {
    writer.bytes(fieldNumber, encodeValueInfo(value));
  }
}

function encodeValueInfo(value: OnnxValueInfo): Uint8Array {
  const shape = newProtobufWriter();
  for (const dim of value.shape) {
    const dimension = newProtobufWriter();
    if (typeof dim === 'number') {
      dimension.int64(ONNX_FIELD.dimension.dimValue, dim);
    } else {
      dimension.string(ONNX_FIELD.dimension.dimParam, dim);
    }
    shape.bytes(ONNX_FIELD.tensorShape.dim, dimension.finish());
  }
  const tensorType = newProtobufWriter()
    .int64(ONNX_FIELD.typeTensor.elemType, ONNX_DATA_TYPE.float)
    .bytes(ONNX_FIELD.typeTensor.shape, shape.finish())
    .finish();
  return newProtobufWriter()
    .string(ONNX_FIELD.valueInfo.name, value.name)
    .bytes(
      ONNX_FIELD.valueInfo.type,
      newProtobufWriter().bytes(ONNX_FIELD.type.tensorType, tensorType).finish(),
    )
    .finish();
}
