import NIOSSL

/// A company's certificate and key for serving the phone page over TLS (`https://`,
/// `wss://`), read once at start so a wrong file is a clear error before anyone joins.
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
            let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw LoadError(description: "\(certificateFile), \(keyFile): the certificate and key do not go together (\(error))")
        }
    }
}
