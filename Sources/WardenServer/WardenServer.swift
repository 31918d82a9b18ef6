// WardenServer module
