/// The key states Warden's symmetric keys move through (AWS "Key states of AWS KMS keys":
/// Enabled ⇄ Disabled; either → PendingDeletion → deleted, or back by CancelKeyDeletion,
/// which leaves the key Disabled).
public enum KeyState: String, Sendable {
    case enabled = "Enabled"
    case disabled = "Disabled"
    case pendingDeletion = "PendingDeletion"
}
