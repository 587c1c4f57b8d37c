#!/usr/bin/env python3
"""Check ONNX models with the reference tools and run them with OpenCV's DNN module.

Usage: gpredict-onnx-check.py MODEL.onnx [MODEL.onnx ...] < INPUT.json
       gpredict-onnx-check.py --sample OUT.onnx

INPUT.json: {"rows": [[x, ...], ...], "input": "pixels", "outputs": ["probabilities", "logits"]}
("input" defaults to the graph's only non-initializer input, "outputs" to the graph's outputs;
"rows" may be empty to only check the models).

For each model, with Debian's python3-onnx (1.12) and python3-opencv (4.6), run by
/usr/bin/python3 (the only python that sees them):
  1. onnx.checker.check_model(model, full_check=True)  (the checker and strict shape inference)
  2. onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True): the inferred
     shape of every graph output and how many intermediate values got a shape
  3. whether the protobuf library serialises the parsed model to the same bytes (canonical)
  4. cv2.dnn.readNetFromONNX(path), setInput(rows as float32, input), forward(outputs)
and print one JSON object: {"versions": {...}, "models": [{"path", "sha256", "canonical",
"ir_version", "opsets", "producer", "inferred_outputs", "inferred_values", "outputs": {name:
rows}}]}. Floats are printed as the float32 values widened to double (exact).

With --sample, write OUT.onnx, a small model built by onnx.helper that Deuro did not write
(raw_data and int64 initializers, named, sized and unknown dimensions, two opsets,
metadata), and print onnx's own description of it, against which Deuro's reader is tested.

Exit codes: 0 checked, 2 usage, 3 onnx, numpy or cv2 missing, 4 a model that does not parse
or fails the checker or shape inference, 5 OpenCV could not read or run a model.
"""

import hashlib
import json
import sys


def fail(code, message):
    print(f"gpredict-onnx-check: {message}", file=sys.stderr)
    sys.exit(code)


def modules():
    try:
        import cv2
        import google.protobuf
        import numpy
        import onnx
        import onnx.checker
        import onnx.shape_inference
    except ImportError as error:
        fail(
            3,
            f"{error}; run with /usr/bin/python3 and install Debian's python3-onnx and "
            "python3-opencv (apt-get install -y python3-onnx python3-opencv)",
        )
    return cv2, google.protobuf, numpy, onnx


def shape_of(value_info):
    tensor = value_info.type.tensor_type
    if not tensor.HasField("shape"):
        return None
    dims = []
    for dim in tensor.shape.dim:
        if dim.HasField("dim_value"):
            dims.append(dim.dim_value)
        elif dim.HasField("dim_param"):
            dims.append(dim.dim_param)
        else:
            dims.append(None)
    return dims


def check(onnx, path, data):
    try:
        model = onnx.load_from_string(data)
        onnx.checker.check_model(model, full_check=True)
        inferred = onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    except Exception as error:  # the checker raises several classes
        fail(4, f"{path}: {type(error).__name__}: {error}")
    return model, inferred


def run_opencv(cv2, numpy, path, request, model):
    graph_inputs = {tensor.name for tensor in model.graph.input} - {
        tensor.name for tensor in model.graph.initializer
    }
    input_name = request.get("input") or (sorted(graph_inputs)[0] if len(graph_inputs) == 1 else None)
    if input_name is None:
        fail(2, f"{path}: the model has {len(graph_inputs)} inputs; name one with \"input\"")
    output_names = request.get("outputs") or [tensor.name for tensor in model.graph.output]
    rows = request.get("rows") or []
    if not rows:
        return {}
    try:
        net = cv2.dnn.readNetFromONNX(path)
        net.setInput(numpy.asarray(rows, dtype=numpy.float32), input_name)
        results = net.forward(output_names)
    except cv2.error as error:
        fail(5, f"{path}: OpenCV: {error}")
    return {
        name: numpy.asarray(result, dtype=numpy.float32).astype(numpy.float64).tolist()
        for name, result in zip(output_names, results)
    }


def write_sample(onnx, numpy, path):
    from onnx import TensorProto, helper, numpy_helper

    weight = numpy_helper.from_array(numpy.arange(12, dtype=numpy.float32).reshape(3, 4), "w")
    shape = numpy_helper.from_array(numpy.array([-1, 4], dtype=numpy.int64), "shape")
    nodes = [
        helper.make_node("MatMul", ["x", "w"], ["y"], name="matmul"),
        helper.make_node("Reshape", ["y", "shape"], ["z"], name="reshape"),
        helper.make_node("Softmax", ["z"], ["p"], name="softmax", axis=-1),
    ]
    graph = helper.make_graph(
        nodes,
        "sample-graph",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", None, 3])],
        [
            helper.make_tensor_value_info("p", TensorProto.FLOAT, [None, 4]),
            helper.make_tensor_value_info("z", TensorProto.FLOAT, ["batch", 4]),
        ],
        [weight, shape],
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 2)],
        producer_name="onnx.helper",
        producer_version=onnx.__version__,
        doc_string="a sample made by the reference library",
    )
    model.model_version = 7
    helper.set_model_props(model, {"b": "second", "a": "first \u00e9"})
    onnx.checker.check_model(model, full_check=True)
    data = model.SerializeToString()
    with open(path, "wb") as handle:
        handle.write(data)

    def tensor(value):
        elem = value.type.tensor_type.elem_type
        return {
            "name": value.name,
            "elementType": TensorProto.DataType.Name(elem).lower() if elem else None,
            "shape": shape_of(value),
        }

    description = {
        "irVersion": model.ir_version,
        "producerName": model.producer_name,
        "producerVersion": model.producer_version,
        "modelVersion": model.model_version,
        "docString": model.doc_string,
        "opsets": [{"domain": o.domain, "version": o.version} for o in model.opset_import],
        "graphName": model.graph.name,
        "inputs": [tensor(value) for value in model.graph.input],
        "outputs": [tensor(value) for value in model.graph.output],
        "operators": [node.op_type for node in model.graph.node],
        "initializers": [
            {"name": t.name, "dims": list(t.dims), "dataType": t.data_type}
            for t in model.graph.initializer
        ],
        "metadata": {entry.key: entry.value for entry in model.metadata_props},
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    json.dump(description, sys.stdout)
    sys.stdout.write("\n")


def main():
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        fail(
            2,
            "usage: gpredict-onnx-check.py MODEL.onnx [MODEL.onnx ...] < INPUT.json"
            " | --sample OUT.onnx",
        )
    cv2, protobuf, numpy, onnx = modules()
    if sys.argv[1] == "--sample":
        if len(sys.argv) != 3:
            fail(2, "usage: gpredict-onnx-check.py --sample OUT.onnx")
        write_sample(onnx, numpy, sys.argv[2])
        return
    try:
        request = json.load(sys.stdin)
    except json.JSONDecodeError as error:
        fail(2, f"standard input is not JSON: {error}")
    reports = []
    for path in sys.argv[1:]:
        with open(path, "rb") as handle:
            data = handle.read()
        model, inferred = check(onnx, path, data)
        reports.append(
            {
                "path": path,
                "sha256": hashlib.sha256(data).hexdigest(),
                "canonical": model.SerializeToString() == data,
                "ir_version": model.ir_version,
                "opsets": {opset.domain: opset.version for opset in model.opset_import},
                "producer": model.producer_name,
                "inferred_outputs": {
                    value.name: shape_of(value) for value in inferred.graph.output
                },
                "inferred_values": len(inferred.graph.value_info),
                "outputs": run_opencv(cv2, numpy, path, request, model),
            }
        )
    versions = {
        "onnx": onnx.__version__,
        "opencv": cv2.__version__,
        "numpy": numpy.__version__,
        "protobuf": protobuf.__version__,
    }
    json.dump({"versions": versions, "models": reports}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
