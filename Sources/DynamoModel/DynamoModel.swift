// DynamoModel module
