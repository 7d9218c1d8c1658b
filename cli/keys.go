package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"
)

var kidPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// loadKeys reads the HMAC keyring from the environment the way the service does
// (src/main/java/io/devstate/keys/KeySources.java): DEVSTATE_HMAC_KEYS_FILE (one kid:secret per
// line, # comments), DEVSTATE_HMAC_KEYS (kid:secret,kid:secret), HMAC_SECRET with HMAC_KID
// (default k1). Errors name the source and entry, never a secret. No key at all is an error.
func loadKeys(getenv func(string) string) (map[string]string, error) {
	keys, err := readKeys(getenv)
	if err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, errNoHMACKey
	}
	return keys, nil
}

var errNoHMACKey = usageErrorf("offline verification needs the server's HMAC key: set DEVSTATE_HMAC_KEYS (kid:secret,...), DEVSTATE_HMAC_KEYS_FILE, or HMAC_SECRET (with HMAC_KID, default k1); or check the log alone with --log-key / " + logVerifierEnv)

// readKeys is loadKeys that accepts no key at all (an empty keyring).
func readKeys(getenv func(string) string) (map[string]string, error) {
	keys := map[string]string{}
	if file := strings.TrimSpace(getenv("DEVSTATE_HMAC_KEYS_FILE")); file != "" {
		text, err := os.ReadFile(file)
		if err != nil {
			return nil, usageErrorf("cannot read DEVSTATE_HMAC_KEYS_FILE %s: %v", file, err)
		}
		if err := parseKeyLines(strings.Split(string(text), "\n"), "DEVSTATE_HMAC_KEYS_FILE", keys); err != nil {
			return nil, err
		}
	}
	if list := getenv("DEVSTATE_HMAC_KEYS"); strings.TrimSpace(list) != "" {
		if err := parseKeyLines(strings.Split(list, ","), "DEVSTATE_HMAC_KEYS", keys); err != nil {
			return nil, err
		}
	}
	if secret := getenv("HMAC_SECRET"); secret != "" {
		kid := strings.TrimSpace(getenv("HMAC_KID"))
		if kid == "" {
			kid = "k1"
		}
		if err := addKey(keys, kid, secret, "HMAC_SECRET"); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

func parseKeyLines(lines []string, source string, keys map[string]string) error {
	for i, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		colon := strings.Index(line, ":")
		if colon <= 0 || colon == len(line)-1 {
			return usageErrorf("%s entry %d is not kid:secret", source, i+1)
		}
		if err := addKey(keys, line[:colon], line[colon+1:], fmt.Sprintf("%s entry %d", source, i+1)); err != nil {
			return err
		}
	}
	return nil
}

func addKey(keys map[string]string, kid, secret, source string) error {
	if !kidPattern.MatchString(kid) {
		return usageErrorf("%s: kid must match %s", source, kidPattern)
	}
	if previous, ok := keys[kid]; ok && previous != secret {
		return usageErrorf("%s: kid %s is configured twice with different secrets", source, kid)
	}
	keys[kid] = secret
	return nil
}
