package tools

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"time"
)

func Ping(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	// ruleid: go-exec-shell-non-constant
	out, err := exec.Command("sh", "-c", "ping -c 3 "+host).CombinedOutput()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Write(out)
}

func Archive(dir string, name string) error {
	script := fmt.Sprintf("tar czf /backups/%s.tgz %s", name, dir)
	// ruleid: go-exec-shell-non-constant
	cmd := exec.Command("/bin/bash", "-c", script)
	cmd.Stdout = os.Stdout
	return cmd.Run()
}

func RunUserCommand(ctx context.Context, command string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	// ruleid: go-exec-shell-non-constant
	return exec.CommandContext(ctx, "bash", "-c", command).Output()
}

func RunWindows(line string) error {
	// ruleid: go-exec-shell-non-constant
	return exec.Command("cmd", "/C", line).Run()
}

func RunInUserShell(command string) error {
	shell := os.Getenv("SHELL")
	// ruleid: go-exec-shell-non-constant
	return exec.Command(shell, "-c", command).Run()
}

func SafePing(host string) ([]byte, error) {
	// ok: go-exec-shell-non-constant
	return exec.Command("ping", "-c", "3", "--", host).CombinedOutput()
}

func SafeScript() error {
	// ok: go-exec-shell-non-constant
	return exec.Command("sh", "-c", "ls -la /var/log | head -n 20").Run()
}

func SafePositional(name string) error {
	// ok: go-exec-shell-non-constant
	return exec.Command("sh", "-c", `tar czf "/backups/$1.tgz" data/`, "sh", name).Run()
}

func SafeConstVar() ([]byte, error) {
	const cleanup = "find /tmp/cache -mtime +7 -delete"
	// ok: go-exec-shell-non-constant
	return exec.Command("sh", "-c", cleanup).Output()
}

func GitConfig(email string) error {
	// ok: go-exec-shell-non-constant
	return exec.Command("git", "-c", "user.email="+email, "commit", "-m", "sync").Run()
}
