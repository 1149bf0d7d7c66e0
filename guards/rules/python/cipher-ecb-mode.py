import pyaes
from Crypto.Cipher import AES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def weak(key, data):
    # ruleid: cipher-ecb-mode
    a = AES.new(key, AES.MODE_ECB).encrypt(data)
    # ruleid: cipher-ecb-mode
    b = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    # ruleid: cipher-ecb-mode
    c = AES.new(key, mode=AES.MODE_ECB)
    # ruleid: cipher-ecb-mode
    mode = AES.MODE_ECB
    # ruleid: cipher-ecb-mode
    d = pyaes.AESModeOfOperationECB(key).encrypt(data)
    return a, b, c, mode, d


def strong(key, iv, data, requested):
    # ok: cipher-ecb-mode
    a = AES.new(key, AES.MODE_GCM)
    # ok: cipher-ecb-mode
    b = Cipher(algorithms.AES(key), modes.GCM(iv)).encryptor()
    # ok: cipher-ecb-mode
    c = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    # ok: cipher-ecb-mode
    if requested == AES.MODE_ECB:
        raise ValueError("ECB is not allowed")
    # ok: cipher-ecb-mode
    d = pyaes.AESModeOfOperationCTR(key).encrypt(data)
    return a, b, c, d
