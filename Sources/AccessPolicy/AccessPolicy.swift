// AccessPolicy module
