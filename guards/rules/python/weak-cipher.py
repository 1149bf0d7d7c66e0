import hashlib
import os

import pyDes
from Crypto.Cipher import AES, ARC4, DES, DES3, Blowfish
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES


def weak(key, iv, data):
    # ruleid: weak-cipher
    a = DES.new(key, DES.MODE_CBC, iv)
    # ruleid: weak-cipher
    b = DES3.new(key, DES3.MODE_CBC, iv)
    # ruleid: weak-cipher
    c = ARC4.new(key).encrypt(data)
    # ruleid: weak-cipher
    d = Blowfish.new(key, Blowfish.MODE_CBC, iv)
    # ruleid: weak-cipher
    e = Cipher(algorithms.TripleDES(key), modes.CBC(iv)).encryptor()
    # ruleid: weak-cipher
    f = Cipher(algorithms.ARC4(key), mode=None).encryptor()
    # ruleid: weak-cipher
    g = Cipher(TripleDES(key), modes.CBC(iv)).encryptor()
    # ruleid: weak-cipher
    h = pyDes.triple_des(key, pyDes.CBC, iv)
    return a, b, c, d, e, f, g, h


def strong(key, iv, data):
    # ok: weak-cipher
    a = AES.new(key, AES.MODE_GCM)
    # ok: weak-cipher
    b = Cipher(algorithms.AES(key), modes.GCM(iv)).encryptor()
    # ok: weak-cipher
    c = AESGCM(key).encrypt(os.urandom(12), data, None)
    # ok: weak-cipher
    d = ChaCha20Poly1305(key)
    # ok: weak-cipher
    e = Fernet(Fernet.generate_key()).encrypt(data)
    # ok: weak-cipher
    f = hashlib.new("sha256", data)
    return a, b, c, d, e, f
