// DynamoExpressions module
