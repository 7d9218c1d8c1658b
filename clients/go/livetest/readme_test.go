package livetest

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeInstallAndPrograms: the README's install commands, run in a fresh module beside a copy
// of the committed files of clients/go (what the README's clone gives), then its two programs
// built, and run against DEVSTATE_URL when it is set (the project renamed so that the test owns
// it; the server's key in HMAC_KID/HMAC_SECRET).
func TestReadmeInstallAndPrograms(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	bash := regexp.MustCompile("(?s)```bash\n(.*?)```").FindStringSubmatch(string(readme))
	programs := regexp.MustCompile("(?s)```go\n(package main\n.*?)```").FindAllStringSubmatch(string(readme), -1)
	if bash == nil || len(programs) != 2 {
		t.Fatalf("README: want an install block and two programs, got %v and %d", bash != nil, len(programs))
	}
	commands := strings.Split(strings.TrimSpace(bash[1]), "\n")
	if commands[0] != "git clone https://github.com/devstate/devstate ../devstate" {
		t.Fatalf("README install starts with %q", commands[0])
	}

	root := t.TempDir()
	copyCommitted(t, filepath.Join(root, "devstate"))
	app := filepath.Join(root, "app")
	run(t, root, nil, "mkdir", "app")
	run(t, app, nil, "go", "mod", "init", "example.com/app")
	suffix := make([]byte, 4)
	_, _ = rand.Read(suffix)
	project := "go-readme-" + hex.EncodeToString(suffix)
	url := strings.TrimRight(os.Getenv("DEVSTATE_URL"), "/")
	for i, name := range []string{"quickstart", "offline"} {
		program := programs[i][1]
		if url != "" {
			program = strings.ReplaceAll(program, "http://localhost:3180", url)
		}
		program = strings.ReplaceAll(program, `"demo"`, `"`+project+`"`)
		if err := os.MkdirAll(filepath.Join(app, name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(app, name, "main.go"), []byte(program), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The install commands after the code that imports the modules, as in a real module (go mod
	// tidy drops requirements nothing imports).
	for _, command := range commands[1:] {
		run(t, app, nil, "bash", "-c", command)
	}

	run(t, app, nil, "go", "vet", "./...")
	run(t, app, nil, "go", "mod", "tidy", "-diff")

	kid, secret := os.Getenv("DEVSTATE_HMAC_KID"), os.Getenv("DEVSTATE_HMAC_SECRET")
	if url == "" || secret == "" {
		t.Skip("built the README's programs; running them needs DEVSTATE_URL and DEVSTATE_HMAC_KID/DEVSTATE_HMAC_SECRET")
	}
	env := []string{"HMAC_KID=" + kid, "HMAC_SECRET=" + secret}
	if out := run(t, app, env, "go", "run", "./quickstart"); out != "chain ok\n" {
		t.Fatalf("quickstart printed %q", out)
	}
	if out := run(t, app, env, "go", "run", "./offline"); out != "true true\n" {
		t.Fatalf("offline printed %q", out)
	}
}

// copyCommitted copies the files git knows in clients/go (committed or new, not ignored) to
// dest/clients/go.
func copyCommitted(t *testing.T, dest string) {
	t.Helper()
	top := strings.TrimSpace(run(t, "..", nil, "git", "rev-parse", "--show-toplevel"))
	for _, file := range strings.Fields(run(t, top, nil, "git", "ls-files", "-co", "--exclude-standard", "clients/go")) {
		info, err := os.Stat(filepath.Join(top, file))
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(top, file))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dest, file)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dest, file), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s in %s: %v\n%s%s", name, strings.Join(args, " "), dir, err, out, stderr.String())
	}
	return string(out)
}
