// DynamoModel's wire JSON (`JSONValue`, `JSONParser`, `JSONWriter`) is WardenSupport's one
// JSON reader and writer; every module that speaks DynamoDB's JSON sees it through DynamoModel.
@_exported import WardenSupport
