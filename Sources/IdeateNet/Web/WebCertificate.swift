import NIOSSL

/// A company's certificate and key for serving the phone page over TLS (`https://`,
/// `wss://`), read once at start so a wrong file is a clear error before anyone joins. The
/// connection follows Mozilla's "intermediate" profile: TLS 1.2 and 1.3 only (RFC 8996 retired
/// 1.0 and 1.1), authenticated encryption (AEAD) suites only, the profile's curves.
public struct WebCertificate: Sendable {
    let context: NIOSSLContext

    /// Why a certificate or key file could not be used.
    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Loads a PEM certificate chain and its PEM private key.
    public init(certificateFile: String, keyFile: String) throws {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificateFile)
        } catch {
            throw LoadError(description: "\(certificateFile): not a PEM certificate (\(error))")
        }
        guard !chain.isEmpty else { throw LoadError(description: "\(certificateFile): no certificate in the file") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyFile, format: .pem)
        } catch {
            throw LoadError(description: "\(keyFile): not a PEM private key (\(error))")
        }
        do {
            var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
            configuration.minimumTLSVersion = .tlsv12
            // TLS 1.3's suites are all AEAD and not configurable; these are TLS 1.2's, in the
            // profile's order.
            configuration.cipherSuiteValues = [
                .TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, .TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                .TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, .TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                .TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, .TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
            ]
            configuration.curves = [.x25519, .secp256r1, .secp384r1]
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw LoadError(description: "\(certificateFile), \(keyFile): the certificate and key do not go together (\(error))")
        }
    }
}
