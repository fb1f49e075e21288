#!/usr/bin/env bash
# Render a kustomization and run Dossier's own policy checks on the result.
#
#   k8s/check.sh [DIR]     DIR defaults to k8s/base (relative to the repo root)
#
# Needs kubectl (with built-in kustomize) and python3 (standard library); with node and npm
# it also validates every object against its API schema (tools/k8s-validate).
# No cluster is contacted: YAML is turned into JSON with
# `kubectl label --local -o json` (removing a label that does not exist, i.e. a
# no-op), which works offline; `kubectl create/apply --dry-run=client` do not
# (they need API discovery from a server).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

target=${1:-k8s/base}
die() { echo "k8s check: FAIL: $*" >&2; exit 1; }

command -v kubectl >/dev/null || die "kubectl not found"
command -v python3 >/dev/null || die "python3 not found"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! kubectl kustomize "$target" >"$tmp/rendered.yaml" 2>"$tmp/render.err"; then
  cat "$tmp/render.err" >&2
  die "kubectl kustomize $target failed"
fi
[[ -s $tmp/rendered.yaml ]] || die "kubectl kustomize $target rendered nothing"

# YAML -> stream of JSON objects, offline. KUBECONFIG=/dev/null makes sure no
# real cluster configuration is ever read.
if ! KUBECONFIG=/dev/null kubectl label --local -o json -f "$tmp/rendered.yaml" \
    dossier-check-noop- >"$tmp/rendered.json" 2>"$tmp/convert.err"; then
  cat "$tmp/convert.err" >&2
  die "could not convert rendered YAML to JSON"
fi

# Every object against its API schema, offline (kubernetes-models and CloudNativePG's models
# from npm, pinned in tools/k8s-validate).
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [[ ! -d tools/k8s-validate/node_modules/kubernetes-models ]]; then
    npm install --prefix tools/k8s-validate --no-package-lock --no-audit --no-fund --loglevel=error >&2
  fi
  node tools/k8s-validate/validate.mjs "$tmp/rendered.json" || die "objects do not match their API schemas"
else
  echo "k8s check: node not installed, skipping the schema validation" >&2
fi

# Documents in the YAML (kustomize separates them with a bare '---' line), to
# make sure the conversion did not drop any.
docs=$(( $(grep -c '^---$' "$tmp/rendered.yaml" || true) + 1 ))

is_base=0
[[ $(cd "$target" && pwd -P) == "$(pwd -P)/k8s/base" ]] && is_base=1

python3 - "$tmp/rendered.json" "$docs" "$is_base" <<'PY'
import json
import sys

path, expected_docs, is_base = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"

# --- parse the concatenated JSON objects -------------------------------------
text = open(path, encoding="utf-8").read()
dec = json.JSONDecoder()
objs, i = [], 0
while True:
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        break
    obj, i = dec.raw_decode(text, i)
    # `-o json` over several objects may come as a List; flatten it.
    if obj.get("kind") == "List":
        objs.extend(obj.get("items", []))
    else:
        objs.append(obj)

errors = []

def fail(obj, msg):
    md = obj.get("metadata", {})
    errors.append(f"{obj.get('kind', '?')}/{md.get('name', '?')}: {msg}")

if len(objs) != expected_docs:
    errors.append(f"rendered {expected_docs} YAML documents but parsed {len(objs)} objects")

# --- settings -----------------------------------------------------------------
IMAGE_NAME = "dossier"                 # last path component of every image of ours
# Other images an overlay may run, by last path component: the dev overlay's database.
THIRD_PARTY_IMAGES = {"postgres"}
PART_OF = ("app.kubernetes.io/part-of", "dossier")
NAME_LABEL = "app.kubernetes.io/name"
# Created out of band (k8s/README.md), or by the CloudNativePG operator (overlays/prod).
EXTERNAL_SECRETS = {"dossier-database", "dossier-db-app", "dossier-postgres", "dossier-tokens", "dossier-tls",
                    "dossier-query-db"}
LONG_RUNNING = {"Deployment", "StatefulSet", "DaemonSet"}
BATCH = {"Job", "CronJob"}

def labels(o):
    return (o.get("metadata") or {}).get("labels") or {}

def pod_template(o):
    kind, spec = o.get("kind"), o.get("spec") or {}
    if kind in LONG_RUNNING or kind == "Job":
        return spec.get("template") or {}
    if kind == "CronJob":
        return ((spec.get("jobTemplate") or {}).get("spec") or {}).get("template") or {}
    return None

def image_name(image):
    image = image.split("@", 1)[0]            # drop digest
    last = image.rsplit("/", 1)[-1]
    return last.split(":", 1)[0]              # drop tag

configmaps = {o["metadata"]["name"]: (o.get("data") or {})
              for o in objs if o.get("kind") == "ConfigMap"}
workloads = [o for o in objs if pod_template(o) is not None]

# --- every object --------------------------------------------------------------
for o in objs:
    md = o.get("metadata") or {}
    if labels(o).get(PART_OF[0]) != PART_OF[1]:
        fail(o, f"missing label {PART_OF[0]}={PART_OF[1]}")
    if is_base and md.get("namespace"):
        fail(o, f"base must be namespace-agnostic (metadata.namespace={md['namespace']})")
    if o.get("kind") == "Secret":
        fail(o, "Secrets must not be rendered; create them out of band (k8s/README.md)")

# --- workloads -----------------------------------------------------------------
for o in workloads:
    kind = o["kind"]
    tmpl = pod_template(o)
    tlabels = (tmpl.get("metadata") or {}).get("labels") or {}
    pod = tmpl.get("spec") or {}
    podsc = pod.get("securityContext") or {}

    if NAME_LABEL not in labels(o):
        fail(o, f"missing label {NAME_LABEL}")
    if NAME_LABEL not in tlabels:
        fail(o, f"pod template missing label {NAME_LABEL}")
    if kind in LONG_RUNNING:
        sel = ((o.get("spec") or {}).get("selector") or {}).get("matchLabels") or {}
        if not sel:
            fail(o, "empty spec.selector.matchLabels")
        for k, v in sel.items():
            if tlabels.get(k) != v:
                fail(o, f"selector {k}={v} does not match pod template labels")
    if kind == "Job":
        spec = o.get("spec") or {}
        for field in ("backoffLimit", "ttlSecondsAfterFinished"):
            if field not in spec:
                fail(o, f"Job must set spec.{field}")
        if pod.get("restartPolicy") not in ("Never", "OnFailure"):
            fail(o, "Job restartPolicy must be Never or OnFailure")

    containers = (pod.get("initContainers") or []) + (pod.get("containers") or [])
    if not pod.get("containers"):
        fail(o, "no containers")
    for c in containers:
        cn = f"container {c.get('name', '?')}"
        sc = c.get("securityContext") or {}

        img = c.get("image", "")
        if image_name(img) != IMAGE_NAME and (is_base or image_name(img) not in THIRD_PARTY_IMAGES):
            fail(o, f"{cn}: image {img!r} is not {IMAGE_NAME!r}")

        res = c.get("resources") or {}
        lim = res.get("limits") or {}
        if not lim:
            fail(o, f"{cn}: missing resources.limits")
        elif "memory" not in lim:
            fail(o, f"{cn}: missing resources.limits.memory")
        if not res.get("requests"):
            fail(o, f"{cn}: missing resources.requests")

        non_root = sc.get("runAsNonRoot", podsc.get("runAsNonRoot"))
        if non_root is not True:
            fail(o, f"{cn}: securityContext.runAsNonRoot must be true")
        if sc.get("readOnlyRootFilesystem") is not True:
            fail(o, f"{cn}: securityContext.readOnlyRootFilesystem must be true")
        if sc.get("allowPrivilegeEscalation") is not False:
            fail(o, f"{cn}: securityContext.allowPrivilegeEscalation must be false")
        if "ALL" not in ((sc.get("capabilities") or {}).get("drop") or []):
            fail(o, f"{cn}: securityContext.capabilities.drop must contain ALL")
        seccomp = (sc.get("seccompProfile") or podsc.get("seccompProfile") or {}).get("type")
        if seccomp != "RuntimeDefault":
            fail(o, f"{cn}: seccompProfile must be RuntimeDefault")

        # Probes: required for long-running containers (not Jobs, not init).
        if kind in LONG_RUNNING and c in (pod.get("containers") or []):
            ports = {p.get("containerPort") for p in c.get("ports") or []}
            for probe in ("readinessProbe", "livenessProbe"):
                p = c.get(probe)
                if not p:
                    fail(o, f"{cn}: missing {probe}")
                    continue
                if "grpc" in p and p["grpc"].get("port") not in ports:
                    fail(o, f"{cn}: {probe} gRPC port {p['grpc'].get('port')} "
                            f"is not a containerPort {sorted(ports)}")

        # Every env reference must resolve: ConfigMaps (and keys) rendered here,
        # Secrets only the documented external ones.
        for e in c.get("env") or []:
            vf = e.get("valueFrom") or {}
            if "configMapKeyRef" in vf:
                ref = vf["configMapKeyRef"]
                if ref.get("optional"):
                    continue
                if ref.get("name") not in configmaps:
                    fail(o, f"{cn}: env {e['name']} refers to unknown ConfigMap {ref.get('name')!r}")
                elif ref.get("key") not in configmaps[ref["name"]]:
                    fail(o, f"{cn}: env {e['name']} refers to missing key "
                            f"{ref.get('key')!r} of ConfigMap {ref['name']!r}")
            if "secretKeyRef" in vf:
                ref = vf["secretKeyRef"]
                if ref.get("name") not in EXTERNAL_SECRETS:
                    fail(o, f"{cn}: env {e['name']} refers to undocumented Secret {ref.get('name')!r}")

    # Secret volumes: only the documented external Secrets.
    for volume in pod.get("volumes") or []:
        secret = (volume.get("secret") or {}).get("secretName")
        if secret is not None and secret not in EXTERNAL_SECRETS:
            fail(o, f"volume {volume.get('name')} mounts undocumented Secret {secret!r}")

# --- Services and PDBs must select a workload ------------------------------------
def selected(selector):
    return [w for w in workloads
            if selector and all(((pod_template(w).get("metadata") or {}).get("labels") or {}).get(k) == v
                                for k, v in selector.items())]

for o in objs:
    kind, spec = o.get("kind"), o.get("spec") or {}
    if kind == "Service":
        if spec.get("type", "ClusterIP") != "ClusterIP":
            fail(o, f"type must be ClusterIP, not {spec.get('type')}")
        targets = selected(spec.get("selector") or {})
        if not targets:
            fail(o, "selector matches no workload")
        names = {p.get("name") for w in targets
                 for c in (pod_template(w).get("spec") or {}).get("containers") or []
                 for p in c.get("ports") or []}
        for p in spec.get("ports") or []:
            if not p.get("name"):
                fail(o, f"port {p.get('port')} has no name")
            protocol = "postgresql" if p.get("name") == "postgres" else "grpc"
            if p.get("appProtocol") != protocol:
                fail(o, f"port {p.get('name')} must have appProtocol {protocol}")
            tp = p.get("targetPort")
            if isinstance(tp, str) and tp not in names:
                fail(o, f"targetPort {tp!r} is not a named port of the selected pods")
    if kind == "PodDisruptionBudget":
        if not selected(((spec.get("selector") or {}).get("matchLabels")) or {}):
            fail(o, "selector matches no workload")
    if kind == "HorizontalPodAutoscaler":
        ref = spec.get("scaleTargetRef") or {}
        if not any(w["kind"] == ref.get("kind") and w["metadata"]["name"] == ref.get("name") for w in workloads):
            fail(o, f"scaleTargetRef {ref.get('kind')}/{ref.get('name')} is not a rendered workload")
        if (spec.get("minReplicas") or 1) < 2:
            fail(o, "minReplicas must be at least 2 (one pod is no availability)")
    if kind == "NetworkPolicy":
        if not selected(((spec.get("podSelector") or {}).get("matchLabels")) or {}) and \
                "cnpg.io/cluster" not in (((spec.get("podSelector") or {}).get("matchLabels")) or {}):
            fail(o, "podSelector matches no workload")

# --- images: pinned, never "latest" (the base's placeholder is replaced by overlays) ----
if not is_base:
    for o in workloads:
        for c in (pod_template(o).get("spec") or {}).get("containers") or []:
            image = c.get("image", "")
            if "@" not in image and (":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest")):
                fail(o, f"container {c.get('name')}: image {image!r} is not pinned to a tag or digest")
    for o in objs:
        if o.get("kind") == "Cluster":
            image = (o.get("spec") or {}).get("imageName", "")
            if not image or image.endswith(":latest"):
                fail(o, f"database image {image!r} is not pinned")

if errors:
    for e in errors:
        print(f"k8s check: FAIL: {e}", file=sys.stderr)
    sys.exit(1)
print(f"k8s check: OK ({len(objs)} objects)")
PY
