"""A certificate authority of the tests' own and server certificates it signs.

Made with ``cryptography`` in a temporary folder on every run, so no certificate is kept
in the repository and none ever expires there. Keys are elliptic-curve (P-256): made in
microseconds, where RSA keys would add noticeable time to the suite, and accepted by
PostgreSQL and libpq alike.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# Certificates start a day in the past so that a clock a little behind the one that made
# them (a VM, a container) still accepts them.
_CLOCK_SKEW = dt.timedelta(days=1)
_LIFETIME = dt.timedelta(days=30)


@dataclass(frozen=True)
class CertificateAuthority:
    """A root certificate (``cert_file``, PEM) and the key that signs with it."""

    name: str
    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    cert_file: Path


@dataclass(frozen=True)
class ServerCertificate:
    """A server's certificate and unencrypted private key, both PEM files."""

    cert_file: Path
    key_file: Path


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "LKK Admin tests"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _write_certificate(certificate: x509.Certificate, path: Path) -> Path:
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return path


def make_certificate_authority(
    directory: Path, name: str = "LKK Test Root CA"
) -> CertificateAuthority:
    """A self-signed root CA; its certificate is written to ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(name)
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _CLOCK_SKEW)
        .not_valid_after(now + _LIFETIME)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    stem = name.lower().replace(" ", "-")
    cert_file = _write_certificate(certificate, directory / f"{stem}.crt")
    return CertificateAuthority(name=name, certificate=certificate, key=key, cert_file=cert_file)


def issue_server_certificate(
    authority: CertificateAuthority,
    directory: Path,
    *,
    dns_names: Sequence[str] = ("localhost",),
    ip_addresses: Sequence[str] = ("127.0.0.1",),
    stem: str = "server",
) -> ServerCertificate:
    """A server certificate signed by ``authority`` for the names given.

    libpq's ``verify-full`` checks the host name against the subjectAltName entries only
    (DNS names for names, IP entries for addresses), so both kinds are listed there.
    """
    directory.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    alt_names: list[x509.GeneralName] = [x509.DNSName(name) for name in dns_names]
    alt_names += [x509.IPAddress(ipaddress.ip_address(address)) for address in ip_addresses]
    common_name = dns_names[0] if dns_names else ip_addresses[0]
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _CLOCK_SKEW)
        .not_valid_after(now + _LIFETIME)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()),
            critical=False,
        )
        .sign(authority.key, hashes.SHA256())
    )
    cert_file = _write_certificate(certificate, directory / f"{stem}.crt")
    key_file = directory / f"{stem}.key"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    # The key is a secret even in a test: readable by its owner only (ignored on Windows).
    key_file.chmod(0o600)
    return ServerCertificate(cert_file=cert_file, key_file=key_file)
