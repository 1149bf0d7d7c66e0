import subprocess
from subprocess import check_output


def run_user(cmd, name):
    # ruleid: subprocess-shell-true
    subprocess.run(cmd, shell=True)
    # ruleid: subprocess-shell-true
    subprocess.check_output(f"ls {name}", shell=True)
    # ruleid: subprocess-shell-true
    subprocess.Popen("tar czf " + name, shell=True, cwd="/tmp")
    # ok: subprocess-shell-true
    subprocess.run("ls -l", shell=True)
    # ok: subprocess-shell-true
    subprocess.run(["ls", name])
    # ok: subprocess-shell-true
    subprocess.run(cmd, shell=False)
    fixed = "uptime"
    # ok: subprocess-shell-true
    subprocess.call(fixed, shell=True)


def aliased(host, cmd):
    import subprocess as sp

    # ruleid: subprocess-shell-true
    out = check_output("curl -sL http://%s:2379/v2/keys" % host, shell=True)
    # ruleid: subprocess-shell-true
    sp.call(cmd, shell=True)
    # ok: subprocess-shell-true
    check_output("uptime", shell=True)
    return out
