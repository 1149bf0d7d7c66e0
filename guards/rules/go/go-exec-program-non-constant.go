package runner

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"strings"
)

func Execute(w http.ResponseWriter, r *http.Request) {
	parts := strings.Fields(r.FormValue("cmd"))
	if len(parts) == 0 {
		http.Error(w, "empty command", http.StatusBadRequest)
		return
	}
	// ruleid: go-exec-program-non-constant
	out, err := exec.Command(parts[0], parts[1:]...).CombinedOutput()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}

func RunTool(ctx context.Context, tool string, args []string) error {
	// ruleid: go-exec-program-non-constant
	cmd := exec.CommandContext(ctx, tool, args...)
	cmd.Stdout = os.Stdout
	return cmd.Run()
}

func RunFromQuery(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-exec-program-non-constant
	out, _ := exec.Command(r.URL.Query().Get("program"), "--version").Output()
	w.Write(out)
}

func RunGit(ref string) ([]byte, error) {
	// ok: go-exec-program-non-constant
	return exec.Command("git", "log", "--oneline", "--", ref).Output()
}

func RunResolved() ([]byte, error) {
	path, err := exec.LookPath("docker")
	if err != nil {
		return nil, err
	}
	// ok: go-exec-program-non-constant
	return exec.Command(path, "ps").Output()
}

func Reexec() error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	// ok: go-exec-program-non-constant
	return exec.Command(self, "--child").Start()
}

func OpenEditor(file string) error {
	editor := os.Getenv("EDITOR")
	// ok: go-exec-program-non-constant
	cmd := exec.Command(editor, file)
	cmd.Stdin, cmd.Stdout = os.Stdin, os.Stdout
	return cmd.Run()
}

func ConstProgram(ctx context.Context) error {
	const ffmpeg = "/usr/bin/ffmpeg"
	// ok: go-exec-program-non-constant
	return exec.CommandContext(ctx, ffmpeg, "-version").Run()
}
