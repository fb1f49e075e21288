#!/usr/bin/python3
"""Second-language end-to-end client for the Dossier gRPC services, driven purely by reflection.

What it proves: a non-C++ client that has *none* of the dossier.v1 .proto files and no generated
code for them can discover the API through gRPC server reflection and call it.  Everything this
client knows about dossier.v1 (and grpc.health.v1) it learns from the server at run time.

How it works:
  1. The only stubs it generates are the *message* classes of the reflection protocol itself,
     compiled at run time with grpc_tools.protoc from
     /usr/share/grpc-proto/grpc/reflection/v1alpha/reflection.proto into a fresh temporary
     directory.  The .proto is copied under a neutral name first, so nothing named `grpc` can
     shadow the grpcio package.  The bidi ServerReflectionInfo RPC is called through the generic
     `channel.stream_stream`, so no generated service stubs are needed.
  2. ListServices is printed and checked against every --expect-service.
  3. For a service, file_containing_symbol fetches its file descriptors; missing dependencies are
     fetched with file_by_filename until the set is closed.  The FileDescriptorProtos go into a
     private DescriptorPool in dependency order and message classes come from a MessageFactory.
  4. --call SERVICE/METHOD with --request-json parses the JSON into the dynamic input message,
     calls the unary RPC generically, prints the response as JSON and checks
     --expect-json-path/--expect-value pairs, or with --expect-code asserts the call fails with
     that status code.  A server-streaming method is read until --messages N messages have
     arrived (then cancelled); the response checked is {"messages": [...]}.
  5. --health NAME calls grpc.health.v1.Health/Check, with descriptors also from reflection, and
     asserts SERVING.
  6. --token sends `authorization: Bearer ...` with --call; --tls-ca-file (with --tls-cert-file and
     --tls-key-file for mutual TLS) connects over TLS; --expect-no-reflection asserts the server
     turned reflection off.

Requirements: Debian's /usr/bin/python3 with python3-grpcio, python3-grpc-tools, python3-protobuf.

Example:
  /usr/bin/python3 tests/e2e/reflection_client.py --address 127.0.0.1:50072 \
      --expect-service dossier.v1.QueryService --health dossier.v1.QueryService \
      --call dossier.v1.QueryService/SearchEntities --request-json '{"query": "niger"}' \
      --expect-json-path entities.0.canonicalName --expect-value Niger

Exit status: 0 only when every expectation holds; 1 on any failed expectation or error.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
from types import ModuleType
from typing import Any, Iterable, Sequence

import grpc
import grpc_tools
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory
from google.protobuf.message import Message
from grpc_tools import protoc

REFLECTION_PROTO = "/usr/share/grpc-proto/grpc/reflection/v1alpha/reflection.proto"
GRPC_PROTO_INCLUDE = "/usr/share/grpc-proto"
STUB_MODULE = "dossier_reflection_v1alpha"  # deliberately not under a folder named `grpc`
REFLECTION_METHOD = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"
HEALTH_SERVICE = "grpc.health.v1.Health"
HEALTH_CHECK_METHOD = f"{HEALTH_SERVICE}.Check"
DEFAULT_TIMEOUT_SECONDS = 10.0


class ClientError(Exception):
    """A failed expectation or an unusable server answer; reported and turned into exit 1."""


class RpcFailed(ClientError):
    """A call the server answered with an error status."""

    def __init__(self, message: str, code: grpc.StatusCode):
        super().__init__(message)
        self.code = code


# --------------------------------------------------------------------------------------------
# Reflection protocol stubs, generated at run time
# --------------------------------------------------------------------------------------------


def generate_reflection_module(workdir: str) -> ModuleType:
    """Compiles reflection.proto with grpc_tools.protoc into workdir and imports the _pb2 module."""
    proto_dir = os.path.join(workdir, "refl")
    os.makedirs(proto_dir)
    shutil.copyfile(REFLECTION_PROTO, os.path.join(proto_dir, f"{STUB_MODULE}.proto"))
    bundled_include = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    args = [
        "grpc_tools.protoc",
        f"-I{proto_dir}",
        f"-I{GRPC_PROTO_INCLUDE}",
        f"-I{bundled_include}",
        f"--python_out={proto_dir}",
        f"{STUB_MODULE}.proto",
    ]
    if protoc.main(args) != 0:
        raise ClientError(f"grpc_tools.protoc failed to compile {REFLECTION_PROTO}")
    return import_from_path(f"{STUB_MODULE}_pb2", os.path.join(proto_dir, f"{STUB_MODULE}_pb2.py"))


def import_from_path(module_name: str, path: str) -> ModuleType:
    """Imports one generated module from a file without touching sys.path."""
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ClientError(f"cannot import generated module {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------------------------
# Reflection client
# --------------------------------------------------------------------------------------------


class ReflectionClient:
    """Asks a server's reflection service for services and file descriptors.

    Each question is its own short ServerReflectionInfo stream, so the server's right to omit
    files it already sent earlier in the same stream never hides a file from us.
    """

    def __init__(self, channel: grpc.Channel, stubs: ModuleType, timeout: float) -> None:
        self._stubs = stubs
        self._timeout = timeout
        self._call = channel.stream_stream(
            REFLECTION_METHOD,
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=stubs.ServerReflectionResponse.FromString,
        )

    def _ask(self, **request_field: Any) -> Any:
        request = self._stubs.ServerReflectionRequest(**request_field)
        try:
            responses = list(self._call(iter([request]), timeout=self._timeout))
        except grpc.RpcError as error:
            raise RpcFailed(f"reflection request {request_field} failed: {describe_rpc_error(error)}", error.code())
        if len(responses) != 1:
            raise ClientError(f"reflection request {request_field}: expected 1 response, got {len(responses)}")
        response = responses[0]
        if response.WhichOneof("message_response") == "error_response":
            err = response.error_response
            code = status_name(err.error_code)
            raise ClientError(f"reflection request {request_field} rejected: {code}: {err.error_message}")
        return response

    def list_services(self) -> list[str]:
        response = self._ask(list_services="*")
        return [service.name for service in response.list_services_response.service]

    def _files(self, **request_field: Any) -> list[descriptor_pb2.FileDescriptorProto]:
        response = self._ask(**request_field)
        if response.WhichOneof("message_response") != "file_descriptor_response":
            raise ClientError(f"reflection request {request_field}: no file_descriptor_response")
        return [
            descriptor_pb2.FileDescriptorProto.FromString(raw)
            for raw in response.file_descriptor_response.file_descriptor_proto
        ]

    def files_for_symbol(self, symbol: str) -> dict[str, descriptor_pb2.FileDescriptorProto]:
        """The file defining symbol plus its transitive dependencies, keyed by file name."""
        files = {f.name: f for f in self._files(file_containing_symbol=symbol)}
        missing = missing_dependencies(files)
        while missing:
            name = missing.pop()
            for fetched in self._files(file_by_filename=name):
                files.setdefault(fetched.name, fetched)
            if name not in files:
                raise ClientError(f"reflection did not return requested file {name}")
            missing = missing_dependencies(files)
        return files


def missing_dependencies(files: dict[str, descriptor_pb2.FileDescriptorProto]) -> list[str]:
    return sorted({dep for f in files.values() for dep in f.dependency if dep not in files})


def dependency_order(files: dict[str, descriptor_pb2.FileDescriptorProto]) -> list[descriptor_pb2.FileDescriptorProto]:
    """Files sorted so that every file follows all of its dependencies."""
    ordered: list[descriptor_pb2.FileDescriptorProto] = []
    state: dict[str, str] = {}

    def visit(name: str) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            raise ClientError(f"import cycle through {name}")
        state[name] = "visiting"
        for dep in files[name].dependency:
            visit(dep)
        state[name] = "done"
        ordered.append(files[name])

    for name in sorted(files):
        visit(name)
    return ordered


def build_pool(files: dict[str, descriptor_pb2.FileDescriptorProto]) -> descriptor_pool.DescriptorPool:
    pool = descriptor_pool.DescriptorPool()
    for file_proto in dependency_order(files):
        pool.Add(file_proto)
    return pool


def message_class(pool: descriptor_pool.DescriptorPool, full_name: str) -> type[Message]:
    descriptor = pool.FindMessageTypeByName(full_name)
    if hasattr(message_factory, "GetMessageClass"):  # protobuf >= 4.22
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


# --------------------------------------------------------------------------------------------
# Dynamic unary and server-streaming calls
# --------------------------------------------------------------------------------------------


class DynamicMethod:
    """A unary or server-streaming method resolved through reflection: its message classes and a
    generic callable."""

    def __init__(self, channel: grpc.Channel, reflection: ReflectionClient, full_method: str) -> None:
        service_name, method_name = split_method(full_method)
        pool = build_pool(reflection.files_for_symbol(service_name))
        try:
            service = pool.FindServiceByName(service_name)
        except KeyError:
            raise ClientError(f"service {service_name} not found in the descriptors reflection returned")
        method = service.methods_by_name.get(method_name)
        if method is None:
            known = ", ".join(sorted(service.methods_by_name))
            raise ClientError(f"{service_name} has no method {method_name} (methods: {known})")
        method_proto = descriptor_pb2.MethodDescriptorProto()
        method.CopyToProto(method_proto)
        if method_proto.client_streaming:
            raise ClientError(f"{full_method} streams requests; only unary and server-streaming calls are supported")
        self.server_streaming = method_proto.server_streaming
        self.input_class = message_class(pool, method.input_type.full_name)
        self.output_class = message_class(pool, method.output_type.full_name)
        make = channel.unary_stream if self.server_streaming else channel.unary_unary
        self._callable = make(
            f"/{service_name}/{method_name}",
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=self.output_class.FromString,
        )

    def call(self, request: Message, timeout: float, metadata: Sequence[tuple[str, str]] = ()) -> tuple[Message, dict]:
        """The response and the server's response headers."""
        response, call = self._callable.with_call(request, timeout=timeout, metadata=list(metadata))
        return response, dict(call.initial_metadata())

    def read_stream(self, request: Message, timeout: float, count: int,
                    metadata: Sequence[tuple[str, str]] = ()) -> list[Message]:
        """The first `count` messages of a server stream, then cancels it."""
        stream = self._callable(request, timeout=timeout, metadata=list(metadata))
        messages = []
        for message in stream:
            messages.append(message)
            if len(messages) == count:
                stream.cancel()
                break
        return messages

    def request_from_json(self, text: str) -> Message:
        try:
            return json_format.Parse(text, self.input_class())
        except json_format.ParseError as error:
            raise ClientError(f"request JSON does not fit {self.input_class.DESCRIPTOR.full_name}: {error}")


def split_method(full_method: str) -> tuple[str, str]:
    """'pkg.Service/Method' (leading slash and '.Method' form accepted) -> ('pkg.Service', 'Method')."""
    text = full_method.lstrip("/")
    if "/" in text:
        service, _, method = text.rpartition("/")
    else:
        service, _, method = text.rpartition(".")
    if not service or not method:
        raise ClientError(f"--call wants SERVICE/METHOD, e.g. dossier.v1.QueryService/SearchEntities, got {full_method!r}")
    return service, method


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------


def status_name(code: int) -> str:
    for status in grpc.StatusCode:
        if status.value[0] == code:
            return status.name
    return str(code)


def describe_rpc_error(error: grpc.RpcError) -> str:
    code = error.code() if hasattr(error, "code") else None
    details = error.details() if hasattr(error, "details") else str(error)
    return f"{code.name if code else 'UNKNOWN'}: {details}"


def check_services(services: Sequence[str], expected: Iterable[str]) -> None:
    print("services:")
    for name in services:
        print(f"  {name}")
    missing = [name for name in expected if name not in services]
    if missing:
        raise ClientError(f"ListServices lacks expected service(s): {', '.join(missing)}")
    if HEALTH_SERVICE not in services:
        print(f"note: ListServices does not list {HEALTH_SERVICE}")


def check_health(channel: grpc.Channel, reflection: ReflectionClient, service: str, timeout: float) -> None:
    try:
        method = DynamicMethod(channel, reflection, HEALTH_CHECK_METHOD)
    except ClientError as error:
        raise ClientError(f"health check impossible: reflection cannot describe {HEALTH_SERVICE}: {error}")
    request = method.input_class(service=service)
    try:
        response, _ = method.call(request, timeout)
    except grpc.RpcError as error:
        raise ClientError(f"health Check({service!r}) failed: {describe_rpc_error(error)}")
    status_field = response.DESCRIPTOR.fields_by_name["status"]
    status = status_field.enum_type.values_by_number[response.status].name
    print(f"health {service or '(server)'}: {status}")
    if status != "SERVING":
        raise ClientError(f"health of {service!r} is {status}, expected SERVING")


def json_path_value(document: Any, path: str) -> Any:
    """Follows a dot path ('entities.0.canonicalName') into parsed JSON; digits index lists."""
    value = document
    for part in path.split("."):
        if isinstance(value, list):
            if not part.lstrip("-").isdigit():
                raise ClientError(f"path {path}: {part!r} is not a list index")
            index = int(part)
            if not -len(value) <= index < len(value):
                raise ClientError(f"path {path}: index {index} out of range (list has {len(value)} items)")
            value = value[index]
        elif isinstance(value, dict):
            if part not in value:
                raise ClientError(f"path {path}: no key {part!r} (keys: {', '.join(sorted(value)) or 'none'})")
            value = value[part]
        else:
            raise ClientError(f"path {path}: cannot descend into {value!r} at {part!r}")
    return value


def values_match(actual: Any, expected: str) -> bool:
    if isinstance(actual, str):
        return actual == expected
    try:
        return actual == json.loads(expected)
    except json.JSONDecodeError:
        return False


def check_json_paths(document: Any, paths: Sequence[str], values: Sequence[str]) -> None:
    for path, expected in zip(paths, values):
        actual = json_path_value(document, path)
        if not values_match(actual, expected):
            raise ClientError(f"{path} is {json.dumps(actual)}, expected {expected!r}")
        print(f"ok: {path} == {json.dumps(actual)}")


def run_call(channel: grpc.Channel, reflection: ReflectionClient, args: argparse.Namespace) -> None:
    method = DynamicMethod(channel, reflection, args.call)
    request = method.request_from_json(args.request_json)
    print(f"call {args.call} {json_format.MessageToJson(request, indent=None)}")
    metadata = [("x-request-id", args.request_id)] if args.request_id else []
    if args.token:
        metadata.append(("authorization", f"Bearer {args.token}"))
    try:
        if method.server_streaming:
            messages = method.read_stream(request, args.timeout, args.messages, metadata)
            text = json.dumps({"messages": [json.loads(json_format.MessageToJson(m)) for m in messages]}, indent=2)
        else:
            response, headers = method.call(request, args.timeout, metadata)
            text = json_format.MessageToJson(response)
            if args.request_id and headers.get("x-request-id") != args.request_id:
                raise ClientError(f"the response's x-request-id is {headers.get('x-request-id')!r}, "
                                  f"not the {args.request_id!r} sent")
    except grpc.RpcError as error:
        print(f"error: {describe_rpc_error(error)}")
        if args.expect_code is None:
            raise ClientError(f"{args.call} failed: {describe_rpc_error(error)}")
        if error.code().name != args.expect_code:
            raise ClientError(f"{args.call} failed with {error.code().name}, expected {args.expect_code}")
        print(f"ok: status {args.expect_code}")
        return
    print(text)
    if args.expect_code is not None:
        raise ClientError(f"{args.call} succeeded, expected status {args.expect_code}")
    check_json_paths(json.loads(text), args.expect_json_path, args.expect_value)


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--address", required=True, help="host:port of the gRPC server")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_SECONDS, help="seconds per RPC")
    parser.add_argument("--expect-service", action="append", default=[], metavar="NAME",
                        help="fail unless ListServices lists NAME (repeatable)")
    parser.add_argument("--health", metavar="SERVICE", help="assert grpc.health.v1.Health/Check(SERVICE) is SERVING")
    parser.add_argument("--call", metavar="SERVICE/METHOD", help="unary method to call, e.g. dossier.v1.QueryService/SearchEntities")
    parser.add_argument("--request-json", default="{}", help="request message as JSON (default {})")
    parser.add_argument("--request-id", metavar="ID",
                        help="unary calls: send this x-request-id and fail unless the response header echoes it")
    parser.add_argument("--messages", type=int, default=1, metavar="N",
                        help="server-streaming calls: read N messages, then cancel (default 1)")
    parser.add_argument("--expect-json-path", action="append", default=[], metavar="PATH",
                        help="dot path into the JSON response, e.g. entities.0.canonicalName (repeatable)")
    parser.add_argument("--expect-value", action="append", default=[], metavar="VALUE",
                        help="expected value at the matching --expect-json-path (repeatable, same order)")
    parser.add_argument("--token", help="bearer token sent with --call")
    parser.add_argument("--tls-ca-file", help="connect over TLS, trusting this CA bundle (PEM)")
    parser.add_argument("--tls-cert-file", help="client certificate (PEM), for mutual TLS")
    parser.add_argument("--tls-key-file", help="client private key (PEM), for mutual TLS")
    parser.add_argument("--tls-server-name", help="name to verify in the server's certificate")
    parser.add_argument("--expect-no-reflection", action="store_true",
                        help="assert the server does not serve reflection (UNIMPLEMENTED) and stop")
    valid_codes = [code.name for code in grpc.StatusCode if code is not grpc.StatusCode.OK]
    parser.add_argument("--expect-code", choices=valid_codes, metavar="CODE",
                        help="assert the call fails with this status code, e.g. INVALID_ARGUMENT")
    args = parser.parse_args(argv)
    if len(args.expect_json_path) != len(args.expect_value):
        parser.error("--expect-json-path and --expect-value must come in pairs")
    if (args.expect_json_path or args.expect_code) and not args.call:
        parser.error("--expect-json-path/--expect-code need --call")
    if args.expect_json_path and args.expect_code:
        parser.error("--expect-json-path and --expect-code exclude each other")
    return args


def open_channel(args: argparse.Namespace) -> grpc.Channel:
    """Plaintext, or TLS when a CA file is given (mutual TLS with a client certificate)."""
    if not args.tls_ca_file:
        return grpc.insecure_channel(args.address)
    def read(path: str | None) -> bytes | None:
        return open(path, "rb").read() if path else None
    credentials = grpc.ssl_channel_credentials(read(args.tls_ca_file), read(args.tls_key_file), read(args.tls_cert_file))
    options = [("grpc.ssl_target_name_override", args.tls_server_name)] if args.tls_server_name else []
    return grpc.secure_channel(args.address, credentials, options)


def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="dossier-reflection-") as workdir, open_channel(args) as channel:
        try:
            grpc.channel_ready_future(channel).result(timeout=args.timeout)
        except grpc.FutureTimeoutError:
            raise ClientError(f"cannot connect to {args.address} within {args.timeout:g}s")
        reflection = ReflectionClient(channel, generate_reflection_module(workdir), args.timeout)
        if args.expect_no_reflection:
            try:
                reflection.list_services()
            except RpcFailed as error:
                if error.code != grpc.StatusCode.UNIMPLEMENTED:
                    raise ClientError(f"{error}; expected UNIMPLEMENTED")
                print("ok: reflection is not served")
                return
            raise ClientError("the server answered reflection, expected UNIMPLEMENTED")
        check_services(reflection.list_services(), args.expect_service)
        if args.health is not None:
            check_health(channel, reflection, args.health, args.timeout)
        if args.call:
            run_call(channel, reflection, args)


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    try:
        run(args)
    except ClientError as error:
        sys.stdout.flush()  # keep the FAIL line after the output that led to it
        print(f"FAIL: {error}", file=sys.stderr)
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
