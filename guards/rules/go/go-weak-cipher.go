package crypt

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/rand"
	"crypto/rc4"

	"golang.org/x/crypto/blowfish"
	"golang.org/x/crypto/chacha20poly1305"
)

func EncryptDES(key, plaintext []byte) ([]byte, error) {
	// ruleid: go-weak-cipher
	block, err := des.NewCipher(key)
	if err != nil {
		return nil, err
	}
	iv := make([]byte, des.BlockSize)
	out := make([]byte, len(plaintext))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(out, plaintext)
	return out, nil
}

func Encrypt3DES(key, plaintext []byte) (cipher.Block, error) {
	// ruleid: go-weak-cipher
	return des.NewTripleDESCipher(key)
}

func Obfuscate(key, data []byte) ([]byte, error) {
	// ruleid: go-weak-cipher
	c, err := rc4.NewCipher(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out, nil
}

func LegacyBlowfish(key []byte) (*blowfish.Cipher, error) {
	// ruleid: go-weak-cipher
	return blowfish.NewCipher(key)
}

func EncryptGCM(key, plaintext []byte) ([]byte, error) {
	// ok: go-weak-cipher
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	// ok: go-weak-cipher
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return gcm.Seal(nonce, nonce, plaintext, nil), nil
}

func EncryptChaCha(key, nonce, plaintext []byte) ([]byte, error) {
	// ok: go-weak-cipher
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	return aead.Seal(nil, nonce, plaintext, nil), nil
}
