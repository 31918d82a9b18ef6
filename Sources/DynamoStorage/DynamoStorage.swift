// DynamoStorage module
