import asyncio
import os
import subprocess
import sys


def convert(filename, user_cmd, args):
    # ruleid: os-system-non-constant
    os.system(f"convert {filename} out.png")
    # ruleid: os-system-non-constant
    os.system("rm -rf /tmp/" + filename)
    # ruleid: os-system-non-constant
    listing = os.popen("ls %s" % filename).read()
    # ruleid: os-system-non-constant
    os.execvp(user_cmd, args)
    # ruleid: os-system-non-constant
    os.spawnlp(os.P_WAIT, user_cmd, user_cmd, "-v")
    # ruleid: os-system-non-constant
    status = subprocess.getoutput("git log " + args[0])
    cmd = "du -sh {}".format(filename)
    # ruleid: os-system-non-constant
    os.system(cmd)
    return listing, status


async def run_shell(script):
    # ruleid: os-system-non-constant
    proc = await asyncio.create_subprocess_shell(script)
    loop = asyncio.get_running_loop()
    # ruleid: os-system-non-constant
    transport, _ = await loop.subprocess_shell(asyncio.SubprocessProtocol, "du -sh " + script)
    # ok: os-system-non-constant
    other, _ = await loop.subprocess_shell(asyncio.SubprocessProtocol, "uptime")
    transport.close()
    other.close()
    return await proc.wait()


def safe(filename):
    # ok: os-system-non-constant
    os.system("clear")
    # ok: os-system-non-constant
    os.popen("uptime").read()
    banner = "figlet hello"
    # ok: os-system-non-constant
    os.system(banner)
    # ok: os-system-non-constant
    os.execv(sys.executable, [sys.executable] + sys.argv)
    # ok: os-system-non-constant
    os.spawnl(os.P_WAIT, "/usr/bin/true", "true")
    # ok: os-system-non-constant
    subprocess.run(["convert", filename, "out.png"], check=True)
    # ok: os-system-non-constant
    os.path.join("/tmp", filename)
    # ok: os-system-non-constant
    os.getenv(filename)


def bare(name):
    from os import system

    # ruleid: os-system-non-constant
    system("mv " + name + " /tmp/old")
    # ok: os-system-non-constant
    system("make check")
