/// IAM's operations on Warden's port, by action name.
package enum IAMOperations {
    package static let all: [any QueryOperation.Type] = [
        CreateUser.self, GetUser.self, ListUsers.self, DeleteUser.self,
        CreateGroup.self, GetGroup.self, ListGroups.self, DeleteGroup.self,
        AddUserToGroup.self, RemoveUserFromGroup.self, ListGroupsForUser.self,
        CreateRole.self, GetRole.self, ListRoles.self, DeleteRole.self,
        UpdateRole.self, UpdateRoleDescription.self, UpdateAssumeRolePolicy.self,
        TagUser.self, UntagUser.self, ListUserTags.self, TagRole.self, UntagRole.self, ListRoleTags.self,
        CreateAccessKey.self, DeleteAccessKey.self, UpdateAccessKey.self, ListAccessKeys.self,
        PutUserPolicy.self, GetUserPolicy.self, DeleteUserPolicy.self, ListUserPolicies.self,
        PutGroupPolicy.self, GetGroupPolicy.self, DeleteGroupPolicy.self, ListGroupPolicies.self,
        PutRolePolicy.self, GetRolePolicy.self, DeleteRolePolicy.self, ListRolePolicies.self,
        CreatePolicy.self, GetPolicy.self, DeletePolicy.self, ListPolicies.self,
        CreatePolicyVersion.self, GetPolicyVersion.self, ListPolicyVersions.self,
        DeletePolicyVersion.self, SetDefaultPolicyVersion.self,
        AttachUserPolicy.self, DetachUserPolicy.self, ListAttachedUserPolicies.self,
        AttachGroupPolicy.self, DetachGroupPolicy.self, ListAttachedGroupPolicies.self,
        AttachRolePolicy.self, DetachRolePolicy.self, ListAttachedRolePolicies.self,
        ListEntitiesForPolicy.self,
        PutUserPermissionsBoundary.self, DeleteUserPermissionsBoundary.self,
        PutRolePermissionsBoundary.self, DeleteRolePermissionsBoundary.self,
        SimulatePrincipalPolicy.self, SimulateCustomPolicy.self,
    ]

    package static let table: [String: any QueryOperation.Type] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}

/// STS's operations on Warden's port, by action name.
package enum STSOperations {
    package static let all: [any QueryOperation.Type] = [
        GetCallerIdentity.self, GetAccessKeyInfo.self, GetSessionToken.self, AssumeRole.self, AssumeRoleWithWebIdentity.self,
    ]

    package static let table: [String: any QueryOperation.Type] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
