// DynamoOperations module
