#ifndef EVIDEX_CONFIG_H
#define EVIDEX_CONFIG_H

/*
 * The user's settings: an environment variable wins, else the line
 * "key = value" in $XDG_CONFIG_HOME/evidex/config (else
 * ~/.config/evidex/config); '#' starts a comment. Keys: email,
 * ncbi_api_key. The file is read once, its first 64 KiB.
 *
 * config_get("email", "EVIDEX_EMAIL") returns the value (owned by the
 * module, valid until exit) or NULL when neither sets it.
 */
const char *config_get(const char *key, const char *env);

#endif
