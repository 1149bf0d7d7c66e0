import paramiko
from paramiko import AutoAddPolicy, RejectPolicy


class PinnedPolicy(paramiko.MissingHostKeyPolicy):
    def missing_host_key(self, client, hostname, key):
        raise paramiko.SSHException(f"unknown host key for {hostname}")


def trusting(host):
    client = paramiko.SSHClient()
    # ruleid: paramiko-auto-add-policy
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    # ruleid: paramiko-auto-add-policy
    client.set_missing_host_key_policy(AutoAddPolicy())
    # ruleid: paramiko-auto-add-policy
    client.set_missing_host_key_policy(paramiko.WarningPolicy)
    # ruleid: paramiko-auto-add-policy
    client.set_missing_host_key_policy(paramiko.client.AutoAddPolicy())
    client.connect(host)


def careful(host):
    client = paramiko.SSHClient()
    # ok: paramiko-auto-add-policy
    client.load_system_host_keys()
    # ok: paramiko-auto-add-policy
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    # ok: paramiko-auto-add-policy
    client.set_missing_host_key_policy(RejectPolicy())
    # ok: paramiko-auto-add-policy
    client.set_missing_host_key_policy(PinnedPolicy())
    client.connect(host)
