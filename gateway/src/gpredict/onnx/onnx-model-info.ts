/*
 * Enough of an ONNX ModelProto to describe it (what `deuro model inspect` prints): the header,
 * the opsets, the graph's inputs and outputs with their element types and shapes, the operators
 * used, the initializers and their parameter count, and the metadata. Any ONNX file can be read,
 * not only Deuro's; fields this reader does not know are skipped.
 */
import { OnnxError } from './onnx-error.js';
import { ONNX_DATA_TYPE, ONNX_FIELD, type OnnxElementType } from './onnx-proto.js';
import {
  type ProtobufField,
  int64Value,
  readProtobufFields,
  unpackVarints,
  utf8Value,
} from './protobuf-reader.js';

/** A graph input or output. */
export interface OnnxTensorInfo {
  readonly name: string;
  /** `float`, `int64`, ... or `type <n>` for a code this reader does not name; undefined if absent. */
  readonly elementType: string | undefined;
  /** Each dimension's size, its name (`N`), or null when unknown; undefined when no shape is given. */
  readonly shape: readonly (number | string | null)[] | undefined;
}

/** An initializer (a constant tensor held in the graph). */
export interface OnnxInitializerInfo {
  readonly name: string;
  readonly elementType: string | undefined;
  readonly dims: readonly number[];
}

/** What {@link onnxModelInfo} reads. */
export interface OnnxModelInfo {
  readonly irVersion: number | undefined;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly domain: string;
  readonly modelVersion: number | undefined;
  readonly docString: string;
  /** `{ domain: '' }` is the default ai.onnx domain. */
  readonly opsets: readonly { readonly domain: string; readonly version: number }[];
  readonly graphName: string;
  /** Graph inputs that are not initializers. */
  readonly inputs: readonly OnnxTensorInfo[];
  readonly outputs: readonly OnnxTensorInfo[];
  /** Operator type of every node, in graph order. */
  readonly operators: readonly string[];
  readonly initializers: readonly OnnxInitializerInfo[];
  /** Elements in all initializers: the product of each one's dims, summed. */
  readonly parameterCount: number;
  /** metadata_props, in file order (a repeated key keeps its last value). */
  readonly metadata: Readonly<Record<string, string>>;
}

const TYPE_NAMES = new Map<number, OnnxElementType>(
  Object.entries(ONNX_DATA_TYPE).map(([name, code]) => [code, name as OnnxElementType]),
);

/**
 * Describe the ONNX model in `bytes`.
 * @throws OnnxError `DEURO_ONNX_MALFORMED` when the bytes are not a protobuf ModelProto with a
 * graph (truncated, bad varints, wrong wire types, text that is not UTF-8).
 */
export function onnxModelInfo(bytes: Uint8Array): OnnxModelInfo {
  const field = ONNX_FIELD.model;
  const model = readProtobufFields(bytes, 'ModelProto');
  const graphBytes = lastBytes(model, field.graph, 'ModelProto.graph');
  if (graphBytes === undefined) {
    throw new OnnxError('DEURO_ONNX_MALFORMED', 'the model has no graph', 'ModelProto.graph');
  }
  const graph = readGraph(graphBytes);
  return {
    irVersion: lastNumber(model, field.irVersion, 'ModelProto.ir_version'),
    producerName: lastString(model, field.producerName, 'ModelProto.producer_name'),
    producerVersion: lastString(model, field.producerVersion, 'ModelProto.producer_version'),
    domain: lastString(model, field.domain, 'ModelProto.domain'),
    modelVersion: lastNumber(model, field.modelVersion, 'ModelProto.model_version'),
    docString: lastString(model, field.docString, 'ModelProto.doc_string'),
    opsets: messages(model, field.opsetImport, 'ModelProto.opset_import').map((opset) => ({
      domain: lastString(opset, ONNX_FIELD.operatorSetId.domain, 'OperatorSetIdProto.domain'),
      version:
        lastNumber(opset, ONNX_FIELD.operatorSetId.version, 'OperatorSetIdProto.version') ?? 0,
    })),
    ...graph,
    metadata: Object.fromEntries(
      messages(model, field.metadataProps, 'ModelProto.metadata_props').map((entry) => [
        lastString(entry, ONNX_FIELD.stringStringEntry.key, 'StringStringEntryProto.key'),
        lastString(entry, ONNX_FIELD.stringStringEntry.value, 'StringStringEntryProto.value'),
      ]),
    ),
  };
}

type GraphInfo = Pick<
  OnnxModelInfo,
  'graphName' | 'inputs' | 'outputs' | 'operators' | 'initializers' | 'parameterCount'
>;

function readGraph(bytes: Uint8Array): GraphInfo {
  const field = ONNX_FIELD.graph;
  const graph = readProtobufFields(bytes, 'GraphProto');
  const initializers = messages(graph, field.initializer, 'GraphProto.initializer').map(
    readInitializer,
  );
  const constant = new Set(initializers.map((tensor) => tensor.name));
  return {
    graphName: lastString(graph, field.name, 'GraphProto.name'),
    inputs: messages(graph, field.input, 'GraphProto.input')
      .map(readValueInfo)
      .filter((input) => !constant.has(input.name)),
    outputs: messages(graph, field.output, 'GraphProto.output').map(readValueInfo),
    operators: messages(graph, field.node, 'GraphProto.node').map((node) =>
      lastString(node, ONNX_FIELD.node.opType, 'NodeProto.op_type'),
    ),
    initializers,
    parameterCount: initializers.reduce(
      (sum, tensor) => sum + tensor.dims.reduce((product, dim) => product * dim, 1),
      0,
    ),
  };
}

function readInitializer(tensor: readonly ProtobufField[]): OnnxInitializerInfo {
  const dims: number[] = [];
  for (const entry of tensor) {
    if (entry.number !== ONNX_FIELD.tensor.dims) {
      continue;
    }
    const values =
      entry.wireType === 0
        ? [entry.value]
        : unpackVarints(expectBytes(entry, 'TensorProto.dims'), 'TensorProto.dims');
    dims.push(...values.map((value) => Number(int64Value(value))));
  }
  return {
    name: lastString(tensor, ONNX_FIELD.tensor.name, 'TensorProto.name'),
    elementType: typeName(lastNumber(tensor, ONNX_FIELD.tensor.dataType, 'TensorProto.data_type')),
    dims,
  };
}

function readValueInfo(value: readonly ProtobufField[]): OnnxTensorInfo {
  const name = lastString(value, ONNX_FIELD.valueInfo.name, 'ValueInfoProto.name');
  const type = lastMessage(value, ONNX_FIELD.valueInfo.type, 'ValueInfoProto.type');
  const tensor =
    type === undefined
      ? undefined
      : lastMessage(type, ONNX_FIELD.type.tensorType, 'TypeProto.tensor_type');
  if (tensor === undefined) {
    return { name, elementType: undefined, shape: undefined };
  }
  const shape = lastMessage(tensor, ONNX_FIELD.typeTensor.shape, 'TypeProto.Tensor.shape');
  return {
    name,
    elementType: typeName(
      lastNumber(tensor, ONNX_FIELD.typeTensor.elemType, 'TypeProto.Tensor.elem_type'),
    ),
    shape:
      shape === undefined
        ? undefined
        : messages(shape, ONNX_FIELD.tensorShape.dim, 'TensorShapeProto.dim').map(readDimension),
  };
}

function readDimension(dimension: readonly ProtobufField[]): number | string | null {
  const field = ONNX_FIELD.dimension;
  const size = lastNumber(dimension, field.dimValue, 'Dimension.dim_value');
  if (size !== undefined) {
    return size;
  }
  const name = lastString(dimension, field.dimParam, 'Dimension.dim_param');
  return name === '' ? null : name;
}

function typeName(code: number | undefined): string | undefined {
  return code === undefined ? undefined : (TYPE_NAMES.get(code) ?? `type ${String(code)}`);
}

function messages(
  fields: readonly ProtobufField[],
  number: number,
  context: string,
): ProtobufField[][] {
  return fields
    .filter((entry) => entry.number === number)
    .map((entry) => readProtobufFields(expectBytes(entry, context), context));
}

function lastMessage(
  fields: readonly ProtobufField[],
  number: number,
  context: string,
): ProtobufField[] | undefined {
  const bytes = lastBytes(fields, number, context);
  return bytes === undefined ? undefined : readProtobufFields(bytes, context);
}

function lastBytes(
  fields: readonly ProtobufField[],
  number: number,
  context: string,
): Uint8Array | undefined {
  const entry = lastField(fields, number);
  return entry === undefined ? undefined : expectBytes(entry, context);
}

function lastString(fields: readonly ProtobufField[], number: number, context: string): string {
  const bytes = lastBytes(fields, number, context);
  return bytes === undefined ? '' : utf8Value(bytes, context);
}

function lastNumber(
  fields: readonly ProtobufField[],
  number: number,
  context: string,
): number | undefined {
  const entry = lastField(fields, number);
  if (entry === undefined) {
    return undefined;
  }
  if (entry.wireType !== 0) {
    throw wrongWireType(context);
  }
  const value = int64Value(entry.value);
  if (typeof value === 'bigint') {
    throw new OnnxError('DEURO_ONNX_MALFORMED', `${context} is out of range`, context);
  }
  return value;
}

function lastField(fields: readonly ProtobufField[], number: number): ProtobufField | undefined {
  for (let index = fields.length - 1; index >= 0; index -= 1) {
    const entry = fields[index];
    if (entry?.number === number) {
      return entry;
    }
  }
  return undefined;
}

function expectBytes(entry: ProtobufField, context: string): Uint8Array {
  if (entry.wireType !== 2) {
    throw wrongWireType(context);
  }
  return entry.value;
}

function wrongWireType(context: string): OnnxError {
  return new OnnxError('DEURO_ONNX_MALFORMED', `${context} has the wrong wire type`, context);
}
