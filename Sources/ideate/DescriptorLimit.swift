import Foundation

/// The process's limit on open files. Every participant is a socket; Linux starts processes
/// with a soft limit of 1,024, which a room, its phones and a few idle sockets exhaust. The
/// server raises it to the hard limit (at most 65,536) before listening; its own connection
/// caps stay well below that.
enum DescriptorLimit {
    static func raise(to wanted: rlim_t = 65_536) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < wanted else { return }
        limit.rlim_cur = min(wanted, limit.rlim_max)
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
