#!/bin/sh
# Regenerates the OpenSSL-made OCSP fixtures: a throwaway CA, three leaves (one revoked, one not in
# the responder's index), a delegated responder, and the responses `openssl ocsp` produced for them.
# Only the .pem and .der files are kept (OpensslOcspResponseTest reads them); keys and requests are
# deleted. Run from anywhere: sh make.sh
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ec="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
openssl req -x509 $ec -keyout "$work/ca.key" -out ca.pem -days 3650 \
    -subj "/C=US/O=jtls test/CN=jtls openssl OCSP CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign

issue() { # name serial subject extensions
    openssl req $ec -keyout "$work/$1.key" -out "$work/$1.csr" -subj "$3"
    printf '%b' "$4" > "$work/$1.ext"
    openssl x509 -req -in "$work/$1.csr" -CA ca.pem -CAkey "$work/ca.key" -set_serial "$2" -days 3650 \
        -extfile "$work/$1.ext" -out "$1.pem"
}
issue leaf 0x1001 "/CN=www.example.com" "subjectAltName=DNS:www.example.com\n"
issue revoked 0x1002 "/CN=revoked.example.com" "subjectAltName=DNS:revoked.example.com\n"
issue unknown 0x1003 "/CN=unknown.example.com" "subjectAltName=DNS:unknown.example.com\n"
issue responder 0x2001 "/CN=jtls openssl OCSP responder" \
    "keyUsage=critical,digitalSignature\nextendedKeyUsage=OCSPSigning\nnoCheck=ignored\n"

printf 'V\t351231000000Z\t\t1001\tunknown\t/CN=www.example.com\n' > "$work/index.txt"
printf 'R\t351231000000Z\t250101000000Z,keyCompromise\t1002\tunknown\t/CN=revoked.example.com\n' >> "$work/index.txt"

respond() { # output certificate digest signer-options...
    out=$1; cert=$2; digest=$3; shift 3
    openssl ocsp -issuer ca.pem "$digest" -cert "$cert" -no_nonce -reqout "$work/$out.req"
    openssl ocsp -index "$work/index.txt" -CA ca.pem -reqin "$work/$out.req" -respout "$out" -ndays 7 "$@"
}
respond good-delegated.der leaf.pem -sha1 -rsigner responder.pem -rkey "$work/responder.key"
respond good-sha256.der leaf.pem -sha256 -rsigner responder.pem -rkey "$work/responder.key"
respond unknown.der unknown.pem -sha1 -rsigner responder.pem -rkey "$work/responder.key"
respond revoked-by-ca.der revoked.pem -sha1 -rsigner ca.pem -rkey "$work/ca.key" -resp_key_id -resp_no_certs
