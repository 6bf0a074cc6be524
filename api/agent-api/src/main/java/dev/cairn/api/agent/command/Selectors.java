package dev.cairn.api.agent.command;

/** The syntax of names and globs in command specs (regular expressions the platform checks). */
public final class Selectors {
    /** Namespace globs: DNS labels with {@code *} and {@code ?}. */
    public static final String NAMESPACE_GLOB = "[a-z0-9*?]([-a-z0-9*?]{0,62})";
    /** Resource type globs: {@code plural} or {@code plural.group}, with {@code *} and {@code ?}. */
    public static final String RESOURCE_GLOB = "[a-z0-9*?][-a-z0-9.*?]{0,252}";
    /** A namespace name (DNS label). */
    public static final String NAMESPACE = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
    /** A storage class name (DNS subdomain). */
    public static final String SUBDOMAIN = "[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?";
    /** A label selector's characters. */
    public static final String LABEL_SELECTOR = "[-A-Za-z0-9_./!=, ()]*";

    private Selectors() {}
}
