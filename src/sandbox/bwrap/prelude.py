# InsightX sandbox prelude: runs inside bubblewrap as an unprivileged user with no network.
#
# Contract (src/sandbox/python-runner.ts): once pandas is imported, the inputs are read from a
# pipe as one columnar bundle (src/sandbox/input-codec.ts) and the code from another — so the
# sandbox can be started before its run (warm). The inputs become pandas DataFrames `df` (first
# input) and `dfs[name]`, the user's code runs, and one JSON envelope goes back on fd 3:
#   {"status": "ok"|"error"|"memory"|"process_limit", "result", "figures", "error", "timings"}
# stdout and stderr are the real pipes, so output of child processes is captured (and capped) too.
import json
import os
import sys
import time

MARKS = {"preludeStart": time.time() * 1000}
MAIN_PID = os.getpid()
BUNDLE_FD, CODE_FD = int(sys.argv[1]), int(sys.argv[2])
RESULT_FD = 3
RESULT_OUT = os.fdopen(RESULT_FD, "wb", closefd=True)
os.set_inheritable(RESULT_FD, False)  # child processes must not write envelopes

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

MARKS["importsDone"] = time.time() * 1000
RESULT_OUT.write(b" ")  # "ready": pandas is loaded (JSON allows the leading space)
RESULT_OUT.flush()
DATE_TYPES = ("DATE", "TIMESTAMP", "DATETIME")


def read_buffer(data, spec, dtype):
    offset, length = spec
    return np.frombuffer(data, dtype=dtype, count=length // np.dtype(dtype).itemsize, offset=offset)


def decode_column(data, column):
    kind = column["kind"]
    buffers = column["buffers"]
    valid = read_buffer(data, buffers["valid"], np.uint8).astype(bool) if "valid" in buffers else None
    if kind == "json":
        start, length = buffers["values"]
        values = json.loads(bytes(data[start:start + length]).decode("utf-8"))
        series = pd.Series(values, dtype=object)
    elif kind in ("float64", "int64"):
        values = read_buffer(data, buffers["values"], "<f8" if kind == "float64" else "<i8")
        if valid is not None:
            # Nullable integers become floats with NaN, as pandas.read_csv does.
            values = values.astype("<f8")
            values[~valid] = np.nan
        series = pd.Series(values)
    elif kind == "bool":
        values = read_buffer(data, buffers["values"], np.uint8).astype(bool)
        series = pd.Series(values) if valid is None else pd.Series(pd.array(values, dtype="boolean")).where(valid, pd.NA)
    elif kind == "string":
        start, length = buffers["values"]
        raw = bytes(data[start:start + length])
        offsets = read_buffer(data, buffers["offsets"], "<i8").tolist()
        count = len(offsets) - 1
        if column.get("ascii"):
            text = raw.decode("ascii")  # byte offsets equal character offsets
            strings = [text[offsets[i]:offsets[i + 1]] for i in range(count)]
        else:
            strings = [raw[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(count)]
        if "codes" in buffers:  # dictionary-encoded: strings are the distinct values
            codes = read_buffer(data, buffers["codes"], "<i4")
            values = np.array(strings + [None], dtype=object)[codes]  # code -1 picks the None
        else:
            values = np.array(strings, dtype=object)
            if valid is not None:
                values[~valid] = None
        series = pd.Series(values, dtype=object)
        type_name = column["type"].upper()
        if type_name.startswith(DATE_TYPES):
            utc = "TIME ZONE" in type_name or type_name.endswith("TZ")
            series = pd.to_datetime(series, errors="coerce", utc=utc)
    else:
        raise ValueError("unknown column kind " + kind)
    return series


def read_all(fd):
    with os.fdopen(fd, "rb", closefd=True) as handle:
        return handle.read()


def load_inputs(bundle):
    data = memoryview(bundle)
    if bytes(data[:4]) != b"IXC1":
        raise ValueError("input bundle has an unknown format")
    manifest_offset = int.from_bytes(data[8:12], "little")
    manifest_length = int.from_bytes(data[12:16], "little")
    manifest = json.loads(bytes(data[manifest_offset:manifest_offset + manifest_length]).decode("utf-8"))
    frames = {}
    for table in manifest["inputs"]:
        if manifest["format"] == "json":
            frames[table["name"]] = pd.DataFrame(table["rows"], columns=[c["name"] for c in table["columns"]])
            continue
        # Keyed by position (SQL allows duplicate column names), renamed after. Passing columns=
        # together with a dict of Series takes a slow path that turns datetimes into objects.
        series = {index: decode_column(data, c) for index, c in enumerate(table["columns"])}
        frame = pd.DataFrame(series) if series else pd.DataFrame(index=range(table["rowCount"]))
        frame.columns = [c["name"] for c in table["columns"]]
        frames[table["name"]] = frame
    return frames


def to_jsonable(value, depth=0):
    if depth > 50:
        raise TypeError("result is nested too deeply")
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        return value if np.isfinite(value) else None  # NaN and infinities become null
    if isinstance(value, (np.datetime64, np.timedelta64)):
        # .item() of a nanosecond datetime64 is a bare integer: go through pandas instead
        converted = pd.Timestamp(value) if isinstance(value, np.datetime64) else pd.Timedelta(value)
        return None if converted is pd.NaT else (converted.isoformat() if isinstance(converted, pd.Timestamp) else str(converted))
    if isinstance(value, np.generic):
        return to_jsonable(value.item(), depth + 1)
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.DataFrame):
        return [to_jsonable(record, depth + 1) for record in value.to_dict("records")]
    if isinstance(value, pd.Series):
        return {str(k): to_jsonable(v, depth + 1) for k, v in value.to_dict().items()}
    if isinstance(value, np.ndarray):
        return [to_jsonable(v, depth + 1) for v in value.tolist()]
    if isinstance(value, pd.Timedelta):
        return str(value)
    if hasattr(value, "isoformat"):  # datetime, date, time, pandas.Timestamp
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_jsonable(v, depth + 1) for v in value]
    if hasattr(value, "__float__"):  # Decimal and friends
        return to_jsonable(float(value), depth + 1)
    raise TypeError("result must be JSON-serialisable (scalars, lists, dicts or a DataFrame); got " + type(value).__name__)


def collect_figures():
    if "matplotlib.pyplot" not in sys.modules:
        return []
    import base64
    import io
    plt = sys.modules["matplotlib.pyplot"]
    figures = []
    for number in plt.get_fignums()[:10]:
        buffer = io.BytesIO()
        plt.figure(number).savefig(buffer, format="png", dpi=100, bbox_inches="tight")
        figures.append({"name": "figure-%d.png" % number, "pngBase64": base64.b64encode(buffer.getvalue()).decode("ascii")})
    return figures


def classify(error):
    if isinstance(error, MemoryError):
        return "memory"
    if isinstance(error, BlockingIOError) or (isinstance(error, RuntimeError) and "can't start new thread" in str(error)):
        return "process_limit"  # fork/clone failed with EAGAIN under RLIMIT_NPROC
    return "error"


def describe(error):
    import traceback
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<analysis>"]
    where = " (line %d: %s)" % (frames[-1].lineno, (frames[-1].line or "").strip()) if frames else ""
    return {"type": type(error).__name__, "message": str(error)[:2000] + where, "line": frames[-1].lineno if frames else None}


def send(envelope):
    payload = json.dumps(envelope, allow_nan=False).encode("utf-8")
    RESULT_OUT.write(payload)
    RESULT_OUT.flush()


def main():
    envelope = {"status": "ok", "result": None, "figures": [], "error": None, "timings": MARKS}
    bundle = read_all(BUNDLE_FD)  # blocks until the run is handed over
    code = read_all(CODE_FD).decode("utf-8")
    if not bundle:
        os._exit(0)  # a warm sandbox nobody used: InsightX closed the pipes
    MARKS["inputsRead"] = time.time() * 1000
    try:
        frames = load_inputs(bundle)
        del bundle
        MARKS["inputsLoaded"] = time.time() * 1000
        import linecache
        linecache.cache["<analysis>"] = (len(code), None, code.splitlines(True), "<analysis>")
        names = list(frames)
        scope = {"__name__": "__main__", "pd": pd, "np": np, "dfs": frames, "df": frames[names[0]] if names else None}
        if "plt" in code or "matplotlib" in code:
            import matplotlib
            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
            scope["plt"] = plt
        exec(compile(code, "<analysis>", "exec"), scope)
        MARKS["analysisDone"] = time.time() * 1000
        envelope["result"] = to_jsonable(scope.get("result"))
        envelope["figures"] = collect_figures()
    except BaseException as error:  # noqa: BLE001 - everything, SystemExit included, is reported
        if os.getpid() != MAIN_PID:
            os._exit(1)  # a forked child of the user's code: never report for the run
        if isinstance(error, SystemExit) and error.code in (None, 0):
            envelope["result"] = to_jsonable(scope.get("result")) if "scope" in locals() else None
        else:
            envelope["status"] = classify(error)
            envelope["error"] = describe(error)
    if os.getpid() != MAIN_PID:
        os._exit(0)
    MARKS["outputDone"] = time.time() * 1000
    sys.stdout.flush()
    try:
        send(envelope)
    except MemoryError:
        send({"status": "memory", "result": None, "figures": [], "error": {"type": "MemoryError", "message": "out of memory while encoding the result", "line": None}, "timings": MARKS})


main()
sys.stdout.flush()
sys.stderr.flush()
os._exit(0)  # skip interpreter teardown (hundreds of ms with pandas loaded); nothing is left to flush
