import Crypto
import Foundation
import NIOSSH

/// The ssh server's identity: an ed25519 key created once and kept in a 0600 file, so a
/// returning participant's ssh never warns that the host key changed. The lobby shows its
/// fingerprint as OpenSSH prints it, so people can check what their ssh asks them to trust.
public struct SSHHostKey: Sendable {
    public let privateKey: NIOSSHPrivateKey
    /// `SHA256:` and the unpadded base64 of the public key blob's digest, as `ssh` and
    /// `ssh-keygen -l` print it.
    public let fingerprint: String

    /// Why a host key file cannot be used; says which file and what to do.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    init(_ key: Curve25519.Signing.PrivateKey) {
        privateKey = NIOSSHPrivateKey(ed25519Key: key)
        fingerprint = Self.fingerprint(ofPublicKey: key.publicKey.rawRepresentation)
    }

    /// Where the key lives unless `--ssh-host-key` says otherwise:
    /// `$XDG_CONFIG_HOME/ideate/ssh_host_ed25519_key`, or `~/.config/ideate/…`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return config + "/ideate/ssh_host_ed25519_key"
    }

    /// The key in `path`, created there (folder 0700, file 0600) the first time.
    public static func loadOrCreate(at path: String) throws -> SSHHostKey {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            guard let data = manager.contents(atPath: path) else {
                throw Problem(description: "cannot read the ssh host key \(path); check its permissions or choose another with --ssh-host-key")
            }
            guard data.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data) else {
                throw Problem(description: "\(path) is not an ideate ssh host key (32 bytes of ed25519 key); move it away to create a new one, or choose another with --ssh-host-key")
            }
            return SSHHostKey(key)
        }
        let key = Curve25519.Signing.PrivateKey()
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) }
        } catch {
            throw Problem(description: "cannot create \(folder) for the ssh host key (\(error.localizedDescription)); choose another place with --ssh-host-key")
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw Problem(description: "cannot create the ssh host key \(path) (\(String(cString: strerror(errno)))); choose another with --ssh-host-key")
        }
        defer { close(descriptor) }
        let bytes = [UInt8](key.rawRepresentation)
        guard write(descriptor, bytes, bytes.count) == bytes.count, fsync(descriptor) == 0 else {
            unlink(path)
            throw Problem(description: "cannot write the ssh host key \(path); choose another with --ssh-host-key")
        }
        return SSHHostKey(key)
    }

    /// OpenSSH's fingerprint of an ed25519 public key: SHA-256 over the key blob
    /// (`string "ssh-ed25519"`, `string key`), base64 without padding.
    static func fingerprint(ofPublicKey raw: Data) -> String {
        var blob: [UInt8] = []
        for part in [Array("ssh-ed25519".utf8), [UInt8](raw)] {
            let length = UInt32(part.count)
            blob += [UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
            blob += part
        }
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.trimmingCharacters(in: CharacterSet(charactersIn: "="))
    }
}
