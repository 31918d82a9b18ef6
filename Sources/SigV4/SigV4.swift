// SigV4 module
