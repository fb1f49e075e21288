#!/usr/bin/env bash
# Makes a private CA and certificates signed by it, for TLS and mutual TLS on one machine
# (tests, the demo, a dev cluster). Never for production: the CA key sits beside the certs.
#   scripts/dev-certs.sh DIR [NAME]
# Writes DIR/NAME-ca.pem (+ key), DIR/NAME-server.pem (+ key) for localhost, 127.0.0.1 and
# the in-cluster service names, and DIR/NAME-client.pem (+ key) for a client called
# "dossier-client". NAME defaults to "dev"; a second NAME gives an unrelated CA.
set -euo pipefail
DIR=$1 NAME=${2:-dev}
mkdir -p "$DIR"
cd "$DIR"
key() { openssl ecparam -name prime256v1 -genkey -noout -out "$1" 2>/dev/null; }
SANS="DNS:localhost,IP:127.0.0.1,DNS:dossier-ingest,DNS:dossier-query"

key "$NAME-ca-key.pem"
openssl req -x509 -new -key "$NAME-ca-key.pem" -days 30 -subj "/CN=$NAME dossier test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out "$NAME-ca.pem" 2>/dev/null

sign() {  # sign ROLE SUBJECT EXTENSIONS
  key "$NAME-$1-key.pem"
  openssl req -new -key "$NAME-$1-key.pem" -subj "$2" -out "$NAME-$1.csr" 2>/dev/null
  printf '%s\n' "$3" >"$NAME-$1.ext"
  openssl x509 -req -in "$NAME-$1.csr" -CA "$NAME-ca.pem" -CAkey "$NAME-ca-key.pem" -CAcreateserial -days 30 \
    -extfile "$NAME-$1.ext" -out "$NAME-$1.pem" 2>/dev/null
  rm -f "$NAME-$1.csr" "$NAME-$1.ext"
}
sign server "/CN=localhost" "subjectAltName=$SANS
extendedKeyUsage=serverAuth"
sign client "/CN=dossier-client" "extendedKeyUsage=clientAuth"
chmod 600 "$NAME"-*-key.pem
echo "$DIR/$NAME-ca.pem $DIR/$NAME-server.pem $DIR/$NAME-client.pem"
